// The full article, a Streamlit component (st.components.v2) in the app's own page: it shows
// the article the app sends as escaped HTML (`data.html`, built by timeline.snippets, where
// the sentence is a `.tl-sentence` span) and scrolls its box so that the sentence is in view,
// also when the box first becomes visible (inside an expander that opens later).

function scrollToSentence(box) {
  const sentence = box.querySelector(".tl-sentence");
  if (!sentence || box.clientHeight === 0) return false;
  const top = sentence.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTop += top - box.clientHeight / 4;  // a little of what comes before stays in view
  return true;
}

export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector(".tl-article");
  if (!box) {
    box = document.createElement("div");
    box.className = "tl-article";
    parentElement.appendChild(box);
  }
  if (box.dataset.html === data.html) return;
  box.dataset.html = data.html;
  box.innerHTML = data.html;  // escaped by the app: article text never becomes markup
  if (box.__observer) box.__observer.disconnect();
  if (scrollToSentence(box)) return;
  box.__observer = new ResizeObserver(() => {
    if (scrollToSentence(box)) box.__observer.disconnect();
  });
  box.__observer.observe(box);
  return () => box.__observer && box.__observer.disconnect();
}
