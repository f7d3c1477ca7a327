// The timeline chart, a Streamlit component (st.components.v2) in the app's own page.
//
// The app sends `data`: {plotly: URLs of Plotly's script, figure: the figure as JSON text,
// key: a hash of it, band: [first, last] days of the selected event or null, buttons: labels}.
// The chart is drawn once and then changed in place with Plotly.react, so a new window of
// events (after a zoom) or a new band (after a click) never mounts a new plot.
//
// It tells the app, through the component's values:
//   view  (state)   {range: [from, to], revision}: the window shown, after a zoom or pan;
//   pick  (trigger) the event id of a clicked mark;
//   zoom  (trigger) {button, range}: a range button, with the window shown when pressed.
// A click on a mark that counts events (no id, a period in its customdata) zooms into it.

const REPORT_DELAY_MS = 250; // a wheel burst or a drag ends before the app is told

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(url, document.baseURI).href;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error(url)));
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${url}`));
    };
    document.head.appendChild(script);
  });
}

// The first of `urls` that loads (the app's static folder, else the same file as a component
// asset: static serving is off when the app runs without the repository's config).
function loadPlotly(urls) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__timelinePlotly) {
    performance.mark("timeline:plotly-requested");
    window.__timelinePlotly = urls
      .reduce((tried, url) => tried.catch(() => loadScript(url)), Promise.reject(new Error()))
      .then((Plotly) => {
        performance.mark("timeline:plotly-loaded");
        return Plotly;
      });
    window.__timelinePlotly.catch(() => delete window.__timelinePlotly);
  }
  return window.__timelinePlotly;
}

function bandShape(band) {
  return {
    type: "rect", xref: "x", x0: band[0], x1: band[1], yref: "paper", y0: 0, y1: 1,
    fillcolor: "#ffd43b", opacity: 0.28, line: { width: 0 }, layer: "below",
  };
}

function shownRange(plot) {
  const axis = plot._fullLayout && plot._fullLayout.xaxis;
  return axis ? axis.range.map(String) : null;
}

function makeChart(root) {
  const toolbar = document.createElement("div");
  toolbar.className = "tl-chart-toolbar";
  const plot = document.createElement("div");
  plot.className = "tl-chart-plot";
  root.append(toolbar, plot);
  const chart = { toolbar, plot, key: null, band: null, shapes: [], send: null, timer: null };

  chart.report = () => {
    clearTimeout(chart.timer);
    chart.timer = setTimeout(() => {
      const range = shownRange(plot);
      if (range) chart.send.setStateValue("view", { range, revision: plot.layout.uirevision });
    }, REPORT_DELAY_MS);
  };
  chart.wire = () => {
    plot.on("plotly_relayout", (change) => {
      if (Object.keys(change).some((k) => k.startsWith("xaxis.range") || k === "xaxis.autorange")) {
        chart.report();
      }
    });
    plot.on("plotly_click", (event) => {
      const point = event && event.points && event.points[0];
      const row = point && point.customdata;
      if (!row) return;
      if (row[0]) {
        chart.send.setTriggerValue("pick", String(row[0]));
      } else if (row[1] && row[2]) {  // a count mark: look inside its period
        const first = new Date(row[1]).getTime();
        const last = new Date(row[2]).getTime();
        const pad = (last - first) * 0.15;
        window.Plotly.relayout(plot, { "xaxis.range": [first - pad, last + pad] });
      }
    });
  };
  return chart;
}

function drawButtons(chart, labels) {
  if (chart.toolbar.dataset.labels === labels.join("|")) return;
  chart.toolbar.dataset.labels = labels.join("|");
  chart.toolbar.replaceChildren();
  for (const label of labels) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.className = "tl-range-button";
    button.addEventListener("click", () => {
      chart.send.setTriggerValue("zoom", { button: label, range: shownRange(chart.plot) });
    });
    chart.toolbar.appendChild(button);
  }
}

export default async function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  const Plotly = await loadPlotly(data.plotly);
  const root = parentElement;
  if (!root.__timelineChart) root.__timelineChart = makeChart(root);
  const chart = root.__timelineChart;
  chart.send = { setStateValue, setTriggerValue };
  drawButtons(chart, data.buttons || []);
  const bandChanged = JSON.stringify(data.band) !== JSON.stringify(chart.band);
  chart.band = data.band;
  if (data.key !== chart.key) {
    const figure = JSON.parse(data.figure);
    chart.shapes = figure.layout.shapes || [];
    figure.layout.shapes = chart.band ? [...chart.shapes, bandShape(chart.band)] : chart.shapes;
    performance.mark("timeline:draw-start");
    await Plotly.react(chart.plot, figure.data, figure.layout, data.config || {});
    performance.mark("timeline:drawn");
    if (chart.key === null) chart.wire();
    chart.key = data.key;
    chart.plot.dataset.key = data.key;
  } else if (bandChanged) {
    const shapes = chart.band ? [...chart.shapes, bandShape(chart.band)] : chart.shapes;
    await Plotly.relayout(chart.plot, { shapes });
  }
}
