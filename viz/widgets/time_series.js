// The time-series panels, drawn in the browser with uPlot (vendored: viz/static/uplot).
//
// The server sends rows, never whole charts: {kind: "rows", run, start, columns: {name: [values]}}
// holds the rows from index `start` on. A view keeps its own copy of the run's columns and
// appends; rows it already has are skipped, and a gap (a lost message, a new view) makes it
// ask the server for everything again ({kind: "sync"}). The `panels` trait says what to draw
// (see viz/panels.py); `horizon` fixes the x-axis; `projector` enlarges fonts and legends.
// `uPlot` is defined by the vendored script placed before this module's code.

const YEAR = "step";

function fonts(projector) {
  return projector
    ? { axis: "19px sans-serif", label: "bold 20px sans-serif", height: 300 }
    : { axis: "12px sans-serif", label: "bold 12px sans-serif", height: 215 };
}

function niceCeiling(value) {
  if (!(value > 1)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 2, 5, 10]) if (m * power >= value - 1e-9) return m * power;
  return 10 * power;
}

// a count axis ticks at whole numbers only
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6];

function yScale(panel) {
  if (panel.scale === "log") return { distr: 3, log: 10 };
  if (panel.scale === "count") return { range: (u, min, max) => [0, niceCeiling(1.1 * (max || 0))] };
  return { range: [0, 1.02] };
}

function plotOptions(panel, horizon, width, projector) {
  const f = fonts(projector);
  const value = (u, v) => (v == null ? "-" : Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString());
  const series = [{ label: "year", value: (u, v) => (v == null ? "-" : String(v)) }];
  for (const s of panel.series) series.push({ label: s.label, stroke: s.colour, width: projector ? 3 : 2, value });
  if (panel.reference) {
    series.push({ label: panel.reference[1], stroke: "#000000", width: 1.2, dash: [6, 4] });
  }
  const axis = { font: f.axis, labelFont: f.label, stroke: "#333", grid: { stroke: "rgba(0,0,0,0.08)" } };
  return {
    title: panel.title,
    width: width,
    height: f.height,
    scales: { x: { time: false, range: [0, Math.max(horizon, 1)] }, y: yScale(panel) },
    axes: [
      { ...axis, label: "year", labelSize: projector ? 26 : 20 },
      { ...axis, label: panel.y_label, labelSize: projector ? 28 : 22, size: projector ? 64 : 50,
        ...(panel.scale === "count" ? { incrs: COUNT_STEPS } : {}) },
    ],
    series: series,
    // the legend shows each line's value in the year under the cursor (and the last year's otherwise)
    legend: { live: true },
    cursor: { drag: { x: false, y: false }, points: { size: projector ? 9 : 7 } },
  };
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "succession-charts";
  el.appendChild(root);
  let run = null;
  let columns = {};
  let plots = [];
  let pending = false;

  const rows = () => (columns[YEAR] || []).length;

  function plotData(panel) {
    const years = columns[YEAR] || [];
    const data = [years];
    for (const s of panel.series) {
      let values = columns[s.column] || [];
      if (panel.scale === "log") values = values.map((v) => (v > 0 ? v : null)); // no AI yet: nothing on a log axis
      data.push(values);
    }
    if (panel.reference) data.push(years.map(() => panel.reference[0]));
    return data;
  }

  function title(panel) {
    const totals = panel.total ? columns[panel.total] || [] : [];
    return totals.length ? `${panel.title} (total ${Number(totals[totals.length - 1]).toLocaleString("en")})` : panel.title;
  }

  function build() {
    for (const p of plots) p.plot.destroy();
    root.innerHTML = "";
    const projector = model.get("projector");
    root.classList.toggle("projector", projector);
    root.dataset.axisFont = fonts(projector).axis; // what the canvas axes are drawn in (checked by the browser test)
    const perRow = root.clientWidth > 1000 || !root.clientWidth ? 3 : 2;
    const width = Math.max(240, Math.floor((root.clientWidth || 1000) / perRow) - 12);
    plots = model.get("panels").map((panel) => {
      const box = document.createElement("div");
      box.className = "succession-panel";
      root.appendChild(box);
      const plot = new uPlot(plotOptions(panel, model.get("horizon"), width, projector), plotData(panel), box);
      return { panel, plot };
    });
    draw();
  }

  function draw() {
    pending = false;
    for (const { panel, plot } of plots) {
      plot.setData(plotData(panel));
      const heading = plot.root.querySelector(".u-title");
      if (heading) heading.textContent = title(panel);
    }
    const years = columns[YEAR] || [];
    root.dataset.drawnYear = years.length ? String(years[years.length - 1]) : "";
  }

  function drawSoon() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  }

  function onMessage(msg) {
    if (msg.kind !== "rows") return;
    if (msg.run !== run) {
      if (msg.start !== 0) return model.send({ kind: "sync" });
      run = msg.run;
      columns = {};
    }
    if (msg.start > rows()) return model.send({ kind: "sync" });
    const skip = rows() - msg.start;
    for (const [name, values] of Object.entries(msg.columns)) {
      columns[name] = (columns[name] || []).concat(skip ? values.slice(skip) : values);
    }
    drawSoon();
  }

  model.on("msg:custom", onMessage);
  model.on("change:panels", build);
  model.on("change:horizon", build);
  model.on("change:projector", build);
  let lastWidth = 0;
  const resized = new ResizeObserver(() => {
    if (Math.abs(root.clientWidth - lastWidth) > 20) {
      lastWidth = root.clientWidth;
      build();
    }
  });
  resized.observe(root);
  build();
  model.send({ kind: "sync" });
  return () => {
    resized.disconnect();
    model.off("msg:custom", onMessage);
    model.off("change:panels", build);
    model.off("change:horizon", build);
    model.off("change:projector", build);
    for (const p of plots) p.plot.destroy();
  };
}

export default { render };
