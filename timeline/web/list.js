// The event list, a Streamlit component (st.components.v2) in the app's own page: the key
// events of the chart's window, or a page of the chronology, in groups under their heading.
//
// The app sends `data` (timeline.views.listing.list_data): {groups: [{heading, rows: [{id,
// when, label, note, hint}]}], selected: the selected event's id or null, empty: what to say
// when there is no row, page: a key of what is listed, focus: a row to scroll to the top}.
// Every text is set as text (textContent, title), never as markup. The list scrolls in its
// own box: to its top when the page changes, to the focused row when there is one, and to the
// selected row when a click elsewhere (the chart) selects one it holds.
//
// It tells the app, through the component's values:
//   pick (trigger) the event id of a clicked row.

// An element of `className` whose text is `text` (set as text, never as markup).
function element(tag, className, text = "") {
  const made = document.createElement(tag);
  made.className = className;
  if (text) made.textContent = text;
  return made;
}

function rowElement(row) {
  const button = element("button", "tl-row");
  button.type = "button";
  button.dataset.id = row.id;
  if (row.hint) button.title = row.hint;
  const what = element("span", "tl-what");
  what.appendChild(element("span", "tl-label", row.label));
  if (row.note) what.appendChild(element("span", "tl-row-note", row.note));
  button.append(element("span", "tl-when", row.when), what);
  return button;
}

function fill(box, data) {
  const children = [];
  for (const group of data.groups) {
    const section = element("section", "tl-group");
    section.appendChild(element("div", "tl-heading", group.heading));
    for (const row of group.rows) section.appendChild(rowElement(row));
    children.push(section);
  }
  if (!children.length) children.push(element("p", "tl-empty", data.empty || ""));
  box.replaceChildren(...children);
}

// Scroll the box (not the page) so that `row` shows: at the top under its sticky heading, or
// only as far as needed.
function reveal(box, row, atTop) {
  const heading = row.parentElement.querySelector(".tl-heading");
  const below = heading ? heading.offsetHeight : 0;
  const top = row.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  if (atTop) {
    box.scrollTop = top - below;
  } else if (top - below < box.scrollTop) {
    box.scrollTop = top - below;
  } else if (top + row.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = top + row.offsetHeight - box.clientHeight;
  }
}

function markSelected(box, selected) {
  let chosen = null;
  for (const row of box.querySelectorAll(".tl-row")) {
    const on = row.dataset.id === selected;
    row.classList.toggle("tl-selected", on);
    if (on && !chosen) chosen = row;
  }
  return chosen;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = parentElement.querySelector(".tl-list");
  if (!box) {
    box = document.createElement("div");
    box.className = "tl-list";
    box.addEventListener("click", (event) => {
      const row = event.target.closest(".tl-row");
      if (!row) return;
      box.__clicked = row.dataset.id;
      markSelected(box, row.dataset.id);
      box.__send("pick", row.dataset.id);
    });
    parentElement.appendChild(box);
  }
  box.__send = setTriggerValue;
  const content = JSON.stringify([data.groups, data.empty]);
  const newPage = box.__page !== data.page;
  if (box.__content !== content) {
    box.__content = content;
    fill(box, data);
  }
  const chosen = markSelected(box, data.selected);
  const focus = data.focus && box.querySelector(`.tl-row[data-id="${CSS.escape(data.focus)}"]`);
  if (newPage) {
    box.__page = data.page;
    if (focus) reveal(box, focus, true);
    else box.scrollTop = 0;
  } else if (chosen && box.__selected !== data.selected && box.__clicked !== data.selected) {
    reveal(box, chosen, false);  // picked on the chart: show it here too
  }
  box.__selected = data.selected;
  box.__clicked = null;
}
