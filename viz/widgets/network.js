// The network of factions and AIs, drawn on a canvas in the browser.
//
// The server sends positions, sizes and colours already computed (viz/snapshot.py,
// viz/widgets/network.py) in one binary trait, `picture`, laid out as:
//   int32[4]      n factions, m AIs, k contact links, 0
//   float32[3n]   faction x, y, size (power / largest power)
//   float32[n*n]  trust between factions (symmetric)
//   float32[3m]   AI x, y, size
//   int16[m]      owning faction of each AI (-1: none)
//   int16[2k]     contact links, as pairs of AI rows
//   uint8[3n]     faction colours (RGB)
//   uint8[3m]     AI colours (RGB)
//   uint8[m]      1 for a rebelling AI (drawn with a ring)
// `legend` lists the legend's entries; `projector` enlarges the legend and labels.

// `legend` also carries the colour of each kind of line (entries with a `line` key).

function unpack(view) {
  if (!view || !view.byteLength) return null;
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice().buffer; // aligned copy
  let offset = 0;
  const take = (Type, count) => {
    const values = new Type(bytes, offset, count);
    offset += count * Type.BYTES_PER_ELEMENT;
    return values;
  };
  const [n, m, k] = take(Int32Array, 4);
  return {
    n, m, k,
    factions: take(Float32Array, 3 * n),
    trust: take(Float32Array, n * n),
    ais: take(Float32Array, 3 * m),
    owner: take(Int16Array, m),
    contacts: take(Int16Array, 2 * k),
    factionRgb: take(Uint8Array, 3 * n),
    aiRgb: take(Uint8Array, 3 * m),
    ring: take(Uint8Array, m),
  };
}

function swatch(entry) {
  const svg = (body) => `<svg width="22" height="16" viewBox="0 0 22 16">${body}</svg>`;
  const edge = entry.ring ? 'stroke="#000" stroke-width="1.4"' : 'stroke="none"';
  if (entry.shape === "square") return svg(`<rect x="5" y="2" width="12" height="12" fill="${entry.colour}" ${edge}/>`);
  if (entry.shape === "circle") return svg(`<circle cx="11" cy="8" r="6" fill="${entry.colour}" ${edge}/>`);
  const dash = entry.dash && entry.dash.length ? `stroke-dasharray="${entry.dash.join(" ")}"` : "";
  return svg(`<line x1="1" y1="8" x2="21" y2="8" stroke="${entry.colour}" stroke-width="${Math.max(2.5, entry.width)}" ${dash}/>`);
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "succession-network";
  const canvas = document.createElement("canvas");
  const legend = document.createElement("div");
  legend.className = "legend";
  root.append(canvas, legend);
  el.appendChild(root);
  let pending = false;

  function showLegend() {
    legend.innerHTML = model.get("legend")
      .map((entry) => `<div>${swatch(entry)}<span></span></div>`)
      .join("");
    legend.querySelectorAll("span").forEach((span, i) => (span.textContent = model.get("legend")[i].label));
    root.classList.toggle("projector", model.get("projector"));
  }

  function draw() {
    pending = false;
    const picture = unpack(model.get("picture"));
    const size = Math.max(200, Math.round(canvas.clientWidth || 420));
    const ratio = window.devicePixelRatio || 1;
    canvas.width = size * ratio;
    canvas.height = size * ratio;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size, size);
    root.dataset.drawnYear = String(model.get("year"));
    if (!picture) return;
    const limit = model.get("view_limit");
    const sx = (x) => ((x + limit) / (2 * limit)) * size;
    const sy = (y) => ((limit - y) / (2 * limit)) * size;
    const biggest = size * 0.045; // radius of the most powerful node
    const { n, m, k, factions, trust, ais, owner, contacts } = picture;
    const fx = (i) => sx(factions[3 * i]), fy = (i) => sy(factions[3 * i + 1]);
    const ax = (i) => sx(ais[3 * i]), ay = (i) => sy(ais[3 * i + 1]);
    const line = (x1, y1, x2, y2) => { ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); };

    const style = Object.fromEntries(model.get("legend").filter((e) => e.line).map((e) => [e.line, e]));
    if (!style.trust || !style.owner || !style.contact) return;
    ctx.lineWidth = style.trust.width; // trust between factions: the more trust, the darker
    ctx.strokeStyle = style.trust.colour.slice(0, 7);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        ctx.globalAlpha = 0.08 + 0.6 * Math.min(1, Math.max(0, trust[i * n + j]));
        ctx.beginPath(); line(fx(i), fy(i), fx(j), fy(j)); ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = style.owner.width;
    ctx.strokeStyle = style.owner.colour;
    ctx.setLineDash((style.owner.dash || []).map((d) => d * Math.max(1, style.owner.width)));
    ctx.beginPath();
    for (let i = 0; i < m; i++) if (owner[i] >= 0) line(ax(i), ay(i), fx(owner[i]), fy(owner[i]));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = style.contact.width;
    ctx.strokeStyle = style.contact.colour;
    ctx.beginPath();
    for (let c = 0; c < k; c++) line(ax(contacts[2 * c]), ay(contacts[2 * c]), ax(contacts[2 * c + 1]), ay(contacts[2 * c + 1]));
    ctx.stroke();

    const rgb = (colours, i) => `rgb(${colours[3 * i]}, ${colours[3 * i + 1]}, ${colours[3 * i + 2]})`;
    const triple = (colours, i) => [colours[3 * i], colours[3 * i + 1], colours[3 * i + 2]];
    hit = [];
    for (let i = 0; i < m; i++) {
      hit.push({ x: ax(i), y: ay(i), r: Math.max(1.6, Math.sqrt(ais[3 * i + 2]) * biggest), size: ais[3 * i + 2],
                 rgb: triple(picture.aiRgb, i), owner: owner[i] });
    }
    for (let i = 0; i < n; i++) {
      hit.push({ x: fx(i), y: fy(i), r: Math.max(3.5, Math.sqrt(factions[3 * i + 2]) * biggest), faction: i,
                 size: factions[3 * i + 2], rgb: triple(picture.factionRgb, i) });
    }
    for (let i = 0; i < m; i++) {
      const r = Math.max(1.6, Math.sqrt(ais[3 * i + 2]) * biggest);
      ctx.fillStyle = rgb(picture.aiRgb, i);
      ctx.beginPath(); ctx.arc(ax(i), ay(i), r, 0, 2 * Math.PI); ctx.fill();
      if (picture.ring[i]) {
        ctx.lineWidth = 1.4;
        ctx.strokeStyle = "#000";
        ctx.beginPath(); ctx.arc(ax(i), ay(i), r * 1.6 + 2, 0, 2 * Math.PI); ctx.stroke();
      }
    }
    const projector = model.get("projector");
    const labelPx = projector ? 20 : 12;
    root.dataset.labelPx = String(labelPx); // the faction labels' size on the canvas (checked by the browser test)
    ctx.font = `bold ${labelPx}px sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    const out = model.get("label_radius");
    for (let i = 0; i < n; i++) {
      const half = Math.max(3.5, Math.sqrt(factions[3 * i + 2]) * biggest);
      ctx.fillStyle = rgb(picture.factionRgb, i);
      ctx.fillRect(fx(i) - half, fy(i) - half, 2 * half, 2 * half);
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#000";
      ctx.strokeRect(fx(i) - half, fy(i) - half, 2 * half, 2 * half);
      const [lx, ly] = [sx(factions[3 * i] * out), sy(factions[3 * i + 1] * out)];
      ctx.lineWidth = 4; // a white halo keeps the label readable over a large AI's disc
      ctx.strokeStyle = "#fff";
      ctx.strokeText(`F${i + 1}`, lx, ly);
      ctx.fillStyle = "#222";
      ctx.fillText(`F${i + 1}`, lx, ly);
    }
  }

  // Hovering a faction or an AI shows its state in a line under the drawing: its kind (the
  // legend's words for its colour), its power against the most powerful node, its owner.
  let hit = null; // node positions and radii of the last drawing, for the hover
  const hover = document.createElement("div");
  hover.className = "network-hover";
  hover.textContent = "Point at a faction or an AI to see its state.";
  root.appendChild(hover);

  function kindOf(rgb) {
    const hex = "#" + rgb.map((c) => c.toString(16).padStart(2, "0")).join("");
    const entry = model.get("legend").find((e) => !e.line && e.colour.slice(0, 7).toLowerCase() === hex);
    return entry ? entry.label : "node";
  }

  function describe(event) {
    if (!hit) return;
    const box = canvas.getBoundingClientRect();
    const [x, y] = [event.clientX - box.left, event.clientY - box.top];
    let best = null;
    for (const node of hit) {
      const d = Math.hypot(node.x - x, node.y - y);
      if (d <= Math.max(node.r, 6) + 3 && (!best || d < best.d)) best = { ...node, d };
    }
    if (!best) return;
    const power = `power ${(100 * best.size).toFixed(0)}% of the most powerful`;
    hover.textContent = best.faction != null
      ? `F${best.faction + 1}: ${kindOf(best.rgb)}, ${power}`
      : `${kindOf(best.rgb)}${best.owner >= 0 ? ` (held by F${best.owner + 1})` : ""}, ${power}`;
  }
  canvas.addEventListener("mousemove", describe);

  function drawSoon() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  }

  const redraw = () => { showLegend(); drawSoon(); };
  model.on("change:picture", drawSoon);
  model.on("change:legend", redraw);
  model.on("change:projector", redraw);
  const resized = new ResizeObserver(drawSoon);
  resized.observe(canvas);
  redraw();
  return () => {
    resized.disconnect();
    canvas.removeEventListener("mousemove", describe);
    model.off("change:picture", drawSoon);
    model.off("change:legend", redraw);
    model.off("change:projector", redraw);
  };
}

export default { render };
