/* corridormap overview: layers by kind, status styles, legend, year control, search, popups. */
var COL = CM.P.layers;
var DASH = CM.P.dash;
var GREY = {};
CM.P.closed.forEach(function (s) { GREY[s] = 1; });
var LINK_LAYERS = {sea_lanes: 1, roads: 1, rail: 1, pipelines_oil: 1, pipelines_gas: 1, bridges: 1};
var MONTHS = DATA.months;  // corridormap.vocab.MONTH_NAMES, abbreviated

function lineStyle(key, p) {
    return {
        color: GREY[p.s] ? CM.P.base.closed : COL[key],
        weight: p.w || 2,
        opacity: CM.P.opacity[p.s] || 0.55,
        dashArray: DASH[p.s] || null,
        lineCap: "round"
    };
}
// Points (places, ports, border crossings, bridges) are shapes on the lines' canvas, as the
// legend draws them: a circle, a square, a diamond and a rounded square, white-edged, faded and
// dashed while planned or being built. One DOM element per point would cost the first draw a
// composited layer each.
var SHAPE = {places: ["circle", 3.5, 1], ports: ["square", 6, 2], border_crossings: ["diamond", 8, 2], bridges: ["square", 6, 2]};
var FADED = {planned: 1, proposed: 1, under_construction: 1};
var Point = L.CircleMarker.extend({
    _updatePath: function () {
        var r = this._renderer, p = this._point, s = this.options.radius, ctx = r._ctx;
        if (!r._drawing || this._empty()) { return; }
        ctx.beginPath();
        if (this.options.shape === "circle") {
            ctx.arc(p.x, p.y, s, 0, Math.PI * 2, false);
        } else if (this.options.shape === "diamond") {
            ctx.moveTo(p.x, p.y - s); ctx.lineTo(p.x + s, p.y); ctx.lineTo(p.x, p.y + s); ctx.lineTo(p.x - s, p.y); ctx.closePath();
        } else {
            ctx.rect(p.x - s, p.y - s, 2 * s, 2 * s);
        }
        r._fillStroke(ctx, this);
    }
});
function point(key, ll, p) {
    var shape = SHAPE[key], faded = FADED[p.s];
    return new Point(ll, {shape: shape[0], radius: shape[1], weight: shape[2], color: "#fff", opacity: faded ? 0.8 : 1,
        fillColor: GREY[p.s] ? CM.P.base.closed : COL[key], fillOpacity: faded ? 0.55 : 1, dashArray: faded ? "2 2" : null});
}
function refs(ids) {
    return ids.map(function (id) {
        var s = DATA.sources[id];
        if (!s) { return id; }
        return s[3] ? '<a href="' + s[3] + '" target="_blank" rel="noopener noreferrer">' + id + "</a>" : id;
    }).join(", ");
}
function row(label, value) { return value ? "<tr><th>" + label + "</th><td>" + value + "</td></tr>" : ""; }
function table(title, head, rows) {
    if (!rows.length) { return ""; }
    return "<h5>" + title + "</h5><table class='cm-records'><tr>" + head.map(function (h) { return "<th>" + h + "</th>"; }).join("") +
        "</tr>" + rows.map(function (r) { return "<tr>" + r.map(function (c) { return "<td>" + c + "</td>"; }).join("") + "</tr>"; }).join("") + "</table>";
}
function popup(key, title, p) {
    var months = p.om && p.om.length ? p.om.map(function (m) { return MONTHS[m - 1]; }).join(" ") : "";
    var html = "<div class='cm-popup'><h4>" + p.n + "</h4><div class='cm-names'>" + [p.ru, p.zh].filter(Boolean).join(" · ") + "</div><table class='cm-facts'>" +
        row("Layer", title) + row("Kind", p.k.replace(/_/g, " ")) + row("Status", p.s.replace(/_/g, " ")) +
        row("Opened", p.o) + row("Expected", p.e) + row("Closed", p.c) + row("Countries", p.cn.join(", ")) +
        (p.fr ? row("Joins", p.fr + " → " + p.to) : "") + row("Mode", p.m) +
        row("Gauge", p.ga && p.ga.length ? p.ga.join(" / ") + " mm" : "") + row("Open months", months) +
        row("Checkpoints", p.cp ? p.cp.join(" / ") : "") + row("Modes", p.md ? p.md.join(", ") : "") +
        row("Geometry", p.q) + row("Id", p.id) + "</table>";
    html += table("Capacities", ["commodity", "value", "basis", "year", "sources"],
        p.caps.map(function (c) { return [c[0], c[1] + " " + c[2], c[3], c[4], refs(c[5])]; }));
    html += table("Figures", ["metric", "value", "basis", "year", "sources"],
        p.figs.map(function (c) { return [c[0].replace(/_/g, " "), c[1] + " " + c[2], c[3], c[4], refs(c[5])]; }));
    html += table("Stated lengths", ["length", "basis", "sources"],
        (p.len || []).map(function (c) { return [c[0] + " " + c[1], c[2], refs(c[3])]; }));
    html += table("Other claims", ["field", "value", "note", "sources"],
        p.cl.map(function (c) { return [c[0], c[1], c[2], refs(c[3])]; }));
    if (p.nt) { html += "<h5>Notes</h5><p class='cm-notes'>" + p.nt + "</p>"; }
    var all = p.src.concat(p.ls.filter(function (s) { return p.src.indexOf(s) < 0; }));
    html += "<h5>Sources</h5><ol class='cm-sources'>" + all.map(function (id) {
        var s = DATA.sources[id];
        if (!s) { return "<li>" + id + "</li>"; }
        var title = s[3] ? '<a href="' + s[3] + '" target="_blank" rel="noopener noreferrer">' + s[0] + "</a>" : s[0];
        return "<li>" + title + ". " + s[1] + (s[2] ? ", " + s[2] : "") + " <span class='cm-id'>[" + id + "]</span></li>";
    }).join("") + "</ol></div>";
    return html;
}

// The open backbone (OSM-derived lines with no facts): one light layer on the shared canvas,
// under the curated network. Its vertices stay in typed arrays in Web Mercator (the unit square),
// are projected per zoom, thinned to smoothFactor pixels and drawn as one path; no Leaflet
// object per line or vertex. A popup is built only for the line clicked.
var LineSet = L.Path.extend({
    options: {interactive: true, smoothFactor: 1.5, hitTolerance: 5, fill: false},
    initialize: function (B, options) {
        L.setOptions(this, options);
        var n = B.n.length, total = 0, i, j;
        for (i = 0; i < n; i++) { total += B.n[i]; }
        var start = this._start = new Int32Array(n + 1), u = this._u = new Float64Array(total), v = this._v = new Float64Array(total);
        var box = this._box = new Float64Array(4 * n), x = 0, y = 0, at = 0, k = 0, MAX = 85.0511287798;
        this._all = [Infinity, Infinity, -Infinity, -Infinity];
        for (i = 0; i < n; i++) {
            start[i] = k;
            var a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
            for (j = 0; j < B.n[i]; j++, k++) {
                x += B.d[at++]; y += B.d[at++];
                var s = Math.sin(Math.max(Math.min(y / B.k, MAX), -MAX) * Math.PI / 180);
                u[k] = 0.5 + x / B.k / 360;
                v[k] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
                a = Math.min(a, u[k]); b = Math.min(b, v[k]); c = Math.max(c, u[k]); d = Math.max(d, v[k]);
            }
            box[4 * i] = a; box[4 * i + 1] = b; box[4 * i + 2] = c; box[4 * i + 3] = d;
            this._all = [Math.min(this._all[0], a), Math.min(this._all[1], b), Math.max(this._all[2], c), Math.max(this._all[3], d)];
        }
        start[n] = k;
        this._n = n;
        this._hit = -1;
    },
    lineCount: function () { return this._n; },
    vertex: function (i, j) {
        // the j-th vertex of line i, as a LatLng
        var k = this._start[i] + j, lat = (2 * Math.atan(Math.exp((0.5 - this._v[k]) * 2 * Math.PI)) - Math.PI / 2) * 180 / Math.PI;
        return L.latLng(lat, (this._u[k] - 0.5) * 360);
    },
    getBounds: function () {
        var crs = L.CRS.EPSG3857, s = crs.scale(0), a = this._all;
        return L.latLngBounds(crs.pointToLatLng(L.point(a[0] * s, a[3] * s), 0), crs.pointToLatLng(L.point(a[2] * s, a[1] * s), 0));
    },
    _clickTolerance: function () { return this.options.hitTolerance; },
    _project: function () {
        var map = this._map, s = this._scale = map.options.crs.scale(map.getZoom()), o = this._origin = map.getPixelOrigin();
        var a = this._all, w = this._clickTolerance() + this.options.weight;
        this._pxBounds = L.bounds([a[0] * s - o.x - w, a[1] * s - o.y - w], [a[2] * s - o.x + w, a[3] * s - o.y + w]);
    },
    _update: function () { if (this._map) { this._updatePath(); } },
    _visible: function (i, u0, v0, u1, v1) {
        var box = this._box;
        return !(box[4 * i] > u1 || box[4 * i + 2] < u0 || box[4 * i + 1] > v1 || box[4 * i + 3] < v0);
    },
    _updatePath: function () {
        var r = this._renderer;
        if (!r._drawing || !r._bounds) { return; }
        var ctx = r._ctx, s = this._scale, ox = this._origin.x, oy = this._origin.y, b = r._bounds, tol = this.options.smoothFactor;
        var u0 = (b.min.x + ox) / s, v0 = (b.min.y + oy) / s, u1 = (b.max.x + ox) / s, v1 = (b.max.y + oy) / s;
        var u = this._u, v = this._v, start = this._start;
        ctx.beginPath();
        for (var i = 0; i < this._n; i++) {
            if (!this._visible(i, u0, v0, u1, v1)) { continue; }
            var k = start[i], end = start[i + 1], px = u[k] * s - ox, py = v[k] * s - oy;
            ctx.moveTo(px, py);
            for (k++; k < end; k++) {
                var qx = u[k] * s - ox, qy = v[k] * s - oy;
                // per zoom: a vertex closer than smoothFactor pixels to the last one drawn is skipped
                if (k < end - 1 && Math.abs(qx - px) < tol && Math.abs(qy - py) < tol) { continue; }
                ctx.lineTo(qx, qy);
                px = qx; py = qy;
            }
        }
        r._fillStroke(ctx, this);
    },
    _containsPoint: function (p) {
        this._hit = this._nearest(p, this._clickTolerance());
        return this._hit >= 0;
    },
    _nearest: function (p, px) {
        // the line within px pixels of a layer point, nearest first; -1 if none
        var s = this._scale, ox = this._origin.x, oy = this._origin.y, t = px / s;
        var pu = (p.x + ox) / s, pv = (p.y + oy) / s, best = -1, bestD = px * px;
        var u = this._u, v = this._v, start = this._start;
        for (var i = 0; i < this._n; i++) {
            if (!this._visible(i, pu - t, pv - t, pu + t, pv + t)) { continue; }
            for (var k = start[i] + 1; k < start[i + 1]; k++) {
                var ax = (u[k - 1] - pu) * s, ay = (v[k - 1] - pv) * s, dx = (u[k] - u[k - 1]) * s, dy = (v[k] - v[k - 1]) * s;
                var len = dx * dx + dy * dy, f = len ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
                var ex = ax + f * dx, ey = ay + f * dy, d = ex * ex + ey * ey;
                if (d <= bestD) { bestD = d; best = i; }
            }
        }
        return best;
    }
});
var backbone = null;
if (DATA.backbone) {
    var BB = DATA.backbone;
    backbone = new LineSet(BB, {color: COL.backbone, weight: 1, opacity: 0.7, smoothFactor: DATA.smooth, lineCap: "butt"});
    backbone.on("add", function () { backbone.bringToBack(); });
    backbone.on("click", function (ev) {
        var i = backbone._hit;
        if (i < 0) { return; }
        var f = BB.f ? BB.f[i] : i;
        L.popup({maxWidth: 360}).setLatLng(ev.latlng).setContent("<div class='cm-popup'><h4>" + (BB.names[f] || BB.ids[f]) +
            "</h4><table class='cm-facts'>" + row("Layer", "Backbone (open network)") + row("Length", BB.km[f] === null ? "" : CM.fmt(BB.km[f]) + " km") +
            row("Id", BB.ids[f]) + "</table><p class='cm-notes'>OpenStreetMap-derived line: topology and length only, no status, dates or figures.</p></div>").openOn(map);
    });
}

var overlays = {};
var groups = {};
var entries = [];
var byId = {};
DATA.layers.forEach(function (layer) {
    var group = L.featureGroup();
    groups[layer.key] = group;
    layer.features.forEach(function (f) {
        var p = f.p;
        var parts = [];
        if (f.g.type === "Point") {
            var ll = CM.latlngs(f.g);
            parts.push(point(layer.key, ll, p));
        } else {
            var line = L.polyline(CM.latlngs(f.g), lineStyle(layer.key, p));
            parts.push(line);
            if (layer.key === "bridges") {
                var flat = [].concat.apply([], [line.getLatLngs()]).reduce(function (a, b) { return a.concat(b); }, []);
                var mid = flat[Math.floor(flat.length / 2)];
                parts.push(point("bridges", mid, p));
            }
        }
        parts.forEach(function (part) { part.cm = p; part.feature = {properties: {id: p.id}}; });
        var entry = {key: layer.key, p: p, parts: parts, group: group, shown: false};
        entries.push(entry);
        byId[p.id] = entry;
    });
    // one tooltip and one popup per layer, filled for the feature under the pointer
    group.bindTooltip(function (part) { return part.cm.n; }, {sticky: true});
    group.bindPopup(function (part) { return popup(layer.key, layer.title, part.cm); }, {maxWidth: 460, maxHeight: 420});
    var swatch = "<span class='cm-swatch cm-swatch-" + layer.key + "' style='background:" + layer.colour + "'></span>";
    overlays[swatch + layer.title] = group;
    group._cmOn = layer.on;
});

// Named corridors: their links highlighted underneath the network (built when first shown).
var corridorGroup = L.featureGroup();
corridorGroup.once("add", function () { DATA.corridors.forEach(function (c) {
    c.links.forEach(function (lid) {
        var e = byId[lid];
        if (!e) { return; }
        var halo = L.polyline(e.parts[0].getLatLngs(), {color: COL.corridors, weight: 11, opacity: 0.45});
        halo.bindTooltip(c.n, {sticky: true});
        halo.bindPopup("<div class='cm-popup'><h4>" + c.n + "</h4><div class='cm-names'>" + c.ru + " · " + c.zh +
            "</div><p>" + c.k.replace(/_/g, " ") + ", " + c.links.length + " links</p><p class='cm-id'>" + c.id + "</p></div>");
        corridorGroup.addLayer(halo);
        halo.bringToBack();
        if (backbone && map.hasLayer(backbone)) { backbone.bringToBack(); }
    });
}); });
overlays["<span class='cm-swatch' style='background:" + COL.corridors + "'></span>Named corridors"] = corridorGroup;

// The plan scorecard: each committed link coloured by its commitment's status (corridormap.plan).
var SCORE = DATA.scorecard;
var scoreGroup = L.featureGroup();
if (SCORE) {
    SCORE.links.forEach(function (s) {
        var e = byId[s.id];
        if (!e) { return; }
        e.parts.filter(function (part) { return part.getLatLngs; }).forEach(function (part) {
            var halo = L.polyline(part.getLatLngs(), {color: SCORE.colours[s.s], weight: 9, opacity: 0.7});
            halo.cm = s;
            scoreGroup.addLayer(halo);
        });
    });
    scoreGroup.bindTooltip(function (halo) { return e_name(halo.cm.id) + ": " + halo.cm.s; }, {sticky: true});
    scoreGroup.bindPopup(function (halo) {
        return "<div class='cm-popup'><h4>" + e_name(halo.cm.id) + "</h4><div class='cm-names'>" + SCORE.plan + ", as of " + SCORE.as_of +
            "</div>" + table("Commitments", ["commitment", "status"], halo.cm.c.map(function (c) { return [c[1] + " <span class='cm-id'>[" + c[0] + "]</span>", c[2]]; })) + "</div>";
    }, {maxWidth: 420});
    overlays["<span class='cm-swatch' style='background:" + SCORE.colours.met + "'></span>Plan scorecard (" + SCORE.as_of.slice(0, 4) + ")"] = scoreGroup;
}
function e_name(id) { return byId[id] ? byId[id].p.n : id; }
if (backbone) {
    overlays["<span class='cm-swatch' style='background:" + COL.backbone + "'></span>Backbone (open network, " + CM.fmt(DATA.backbone.ids.length, 0) + " lines)"] = backbone;
    backbone.addTo(map);
}
L.control.layers(CM.baseLayers(map, DATA.land), overlays, {collapsed: false, position: "topright"}).addTo(map);

// The year control: what was open in a year, planned projects from the present on.
var state = {year: DATA.year, planned: true};
function visible(p) {
    // p.vy: [from, until, planned], the years corridormap.state.Window.years() gives
    if (p.vy[2]) { return state.planned && state.year >= DATA.now; }
    if (p.vy[0] !== null && p.vy[0] > state.year) { return false; }
    return !(p.vy[1] !== null && p.vy[1] <= state.year);
}
var yearBox = CM.box(map, "topright", "cm-year leaflet-bar",
    "<div class='cm-year-head'>Network in <b class='cm-year-value'></b></div>" +
    "<input type='range' class='cm-year-range' min='" + DATA.years[0] + "' max='" + DATA.years[1] + "' step='1' value='" + state.year + "' aria-label='Year'>" +
    "<div class='cm-year-scale'><span>" + DATA.years[0] + "</span><span>" + DATA.years[1] + "</span></div>" +
    "<label><input type='checkbox' class='cm-year-planned' checked> planned projects (from " + DATA.now + ")</label>" +
    "<div class='cm-year-note'></div>");
function setYear(year) {
    state.year = Number(year);
    var opened = [];
    entries.forEach(function (e) {
        var show = visible(e.p);
        if (show !== e.shown) {
            e.parts.forEach(function (part) { if (show) { e.group.addLayer(part); } else { e.group.removeLayer(part); } });
            e.shown = show;
        }
        if (show && e.p.vy[0] === state.year && !e.p.vy[2] && e.key !== "places") { opened.push(e.p.n); }
    });
    var events = (DATA.events || []).filter(function (ev) { return ev.y === state.year; });
    yearBox.querySelector(".cm-year-value").textContent = String(state.year);
    yearBox.querySelector(".cm-year-range").value = String(state.year);
    yearBox.querySelector(".cm-year-note").innerHTML = (opened.length ? "<b>Opened in " + state.year + ":</b> " + opened.join("; ") : "") +
        (events.length ? "<div class='cm-year-events'><b>Events in " + state.year + ":</b><ul>" + events.map(function (ev) {
            return "<li><span class='cm-year-date'>" + ev.d + "</span> " + ev.t + "</li>"; }).join("") + "</ul></div>" : "");
}
yearBox.querySelector(".cm-year-range").addEventListener("input", function (ev) { setYear(ev.target.value); });
yearBox.querySelector(".cm-year-planned").addEventListener("change", function (ev) { state.planned = ev.target.checked; setYear(state.year); });
setYear(state.year);
// The mini-map is a second map: it is built when the browser is next idle, once the map is drawn.
var minimap = null;
(window.requestIdleCallback || function (f) { return setTimeout(f, 50); })(function () {
    minimap = window.corridormap.minimap = CM.miniMap(map, DATA.land_mini);
}, {timeout: 1000});
// the groups join the map once filled, so that each is drawn once, not feature by feature
Object.keys(groups).forEach(function (key) { if (groups[key]._cmOn) { groups[key].addTo(map); } });

// The legend: every style on the map.
function legendLine(colour, dash, label, width) {
    return "<div class='cm-legend-row'><svg width='38' height='10'><line x1='2' y1='5' x2='36' y2='5' stroke='" + colour + "' stroke-width='" + (width || 3) +
        "'" + (dash ? " stroke-dasharray='" + dash + "'" : "") + " stroke-linecap='round'/></svg>" + label + "</div>";
}
function legendMarker(key, label) { return "<div class='cm-legend-row'><span class='cm-marker cm-" + key + " cm-legend-marker'></span>" + label + "</div>"; }
CM.box(map, "bottomleft", "cm-legend leaflet-bar",
    "<details open><summary>Legend</summary>" +
    legendLine(COL.rail, null, "Railway") + legendLine(COL.roads, null, "Road, river ferry or pontoon") +
    legendLine(COL.sea_lanes, null, "Sea lane (Arctic lanes are seasonal)") + legendLine(COL.pipelines_oil, null, "Oil pipeline") +
    legendLine(COL.pipelines_gas, null, "Gas pipeline") + legendLine(COL.bridges, null, "Bridge or ropeway") +
    legendLine(COL.corridors, null, "Named corridor (Primorye-1, ESPO ...)", 9) +
    (backbone ? legendLine(COL.backbone, null, "Backbone: open network, OpenStreetMap-derived", 1) : "") +
    (SCORE ? "<div class='cm-legend-head'>Plan scorecard, as of " + SCORE.as_of + "</div>" + Object.keys(SCORE.colours).map(function (k) {
        return legendLine(SCORE.colours[k], null, k, 9); }).join("") : "") +
    "<div class='cm-legend-head'>Status</div>" +
    legendLine("#555", null, "operating") + legendLine("#555", DASH.under_construction, "under construction") +
    legendLine("#555", DASH.planned, "planned or proposed") + legendLine(CM.P.base.closed, DASH.suspended, "suspended or closed") +
    "<div class='cm-legend-head'>Width: capacity</div>" +
    legendLine("#555", null, "no published capacity", 2) + legendLine("#555", null, "about 30 Mt/yr or bcm/yr", 6) +
    legendLine("#555", null, "56 or more", 9) +
    "<div class='cm-legend-head'>Points</div>" +
    legendMarker("ports", "Port") + legendMarker("border_crossings", "Border crossing") + legendMarker("bridges", "Bridge") +
    legendMarker("places", "City, junction, field, terminal") +
    "<div class='cm-legend-note'>Click a feature for its figures and sources. Data: corridormap; base: Natural Earth (or OpenStreetMap tiles, online).</div>" +
    "</details>");

// The search box: a place by its English, Russian or Chinese name or an alias, found as it is
// typed (prefix, case and accents ignored), with a list of suggestions and keyboard support.
function fold(text) {
    // lower case, no accents (NFD then no combining marks: ï -> i, ё -> е, й -> и), punctuation as spaces
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        .replace(/[\s\-\u2010-\u2015'\u2019\u02bc`.,()\/\uff08\uff09\u00b7]+/g, " ").trim();
}
var HAN = /[\u3400-\u9fff]/;
var LAYER_RANK = {places: 0, ports: 1, border_crossings: 2, bridges: 3};
var searchIndex = null;  // built on first use: [{key, bare, words, lang, label, e}]
function buildIndex() {
    searchIndex = [];
    entries.forEach(function (e) {
        if (!(e.key in LAYER_RANK)) { return; }
        var p = e.p;
        [["en", p.n], ["ru", p.ru], ["zh", p.zh]].concat((p.al || []).map(function (a) { return ["alias", a]; })).forEach(function (pair) {
            if (!pair[1]) { return; }
            var key = fold(CM.text(pair[1]));
            if (!key) { return; }
            searchIndex.push({key: key, bare: fold(CM.text(pair[1]).replace(/\s*[(\uff08][^)\uff09]*[)\uff09]/g, "")),
                words: key.split(" "), lang: pair[0], label: pair[1], e: e});
        });
    });
}
function score(item, q) {
    // 0 the whole name, 1 the start of the name, 2 the start of a word in it (any character of a Chinese name)
    if (item.key === q || item.bare === q) { return 0; }
    if (item.key.indexOf(q) === 0) { return 1; }
    if (item.words.some(function (w) { return w.indexOf(q) === 0; })) { return 2; }
    if (HAN.test(q) && item.key.indexOf(q) >= 0) { return 2; }
    return -1;
}
function matches(value, limit) {
    // the best match of each feature, best first: score, then layer, then the shorter name
    if (!searchIndex) { buildIndex(); }
    var q = fold(value);
    if (!q) { return []; }
    var best = {};
    searchIndex.forEach(function (item) {
        var s = score(item, q);
        if (s < 0) { return; }
        var id = item.e.p.id, old = best[id];
        if (!old || s < old.s || (s === old.s && item.lang === "en" && old.item.lang !== "en")) { best[id] = {s: s, item: item}; }
    });
    return Object.keys(best).map(function (id) { return best[id]; }).sort(function (a, b) {
        return a.s - b.s || LAYER_RANK[a.item.e.key] - LAYER_RANK[b.item.e.key] ||
            a.item.e.p.n.length - b.item.e.p.n.length || (a.item.e.p.n < b.item.e.p.n ? -1 : 1);
    }).slice(0, limit || 8).map(function (m) { return m.item; });
}
var searchBox = CM.box(map, "topleft", "cm-search leaflet-bar",
    "<input type='search' role='combobox' aria-autocomplete='list' aria-expanded='false' aria-controls='cm-search-list'" +
    " autocomplete='off' spellcheck='false' placeholder='Find a place (English, Russian or Chinese name)' aria-label='Find a place'>" +
    "<ul id='cm-search-list' class='cm-search-list' role='listbox' hidden></ul>" +
    "<div class='cm-search-none' role='status' hidden></div>");
var input = searchBox.querySelector("input");
var list = searchBox.querySelector(".cm-search-list");
var none = searchBox.querySelector(".cm-search-none");
var shown = [];   // the suggestions in the list
var active = -1;  // the highlighted one
function openItem(item) {
    var e = item.e, marker = e.parts.filter(function (part) { return part.getLatLng; })[0];  // a bridge's is its second part
    var ll = marker.getLatLng();
    if (!map.hasLayer(e.group)) { e.group.addTo(map); }
    map.setView(ll, 8);
    if (e.shown) { e.parts[0].fire("click", {latlng: ll}, true); }
    return true;
}
function closeList() {
    list.hidden = true;
    none.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    shown = [];
    active = -1;
}
function highlight(k) {
    active = k;
    Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", String(j === k)); });
    if (k >= 0) { input.setAttribute("aria-activedescendant", "cm-search-" + k); } else { input.removeAttribute("aria-activedescendant"); }
}
function pick(k) {
    var item = shown[k];
    if (!item) { return false; }
    input.value = CM.text(item.e.p.n);
    closeList();
    return openItem(item);
}
function suggest() {
    var value = input.value;
    closeList();
    if (!fold(value)) { return; }
    shown = matches(value, 8);
    if (!shown.length) {
        // textContent: the query is shown as text, never parsed as HTML
        none.textContent = "No place matches \u201c" + value.trim() + "\u201d";
        none.hidden = false;
        return;
    }
    list.textContent = "";
    shown.forEach(function (item, k) {
        var li = document.createElement("li");
        li.id = "cm-search-" + k;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "cm-search-name";
        name.textContent = CM.text(item.e.p.n);
        li.appendChild(name);
        if (item.lang !== "en") {
            var other = document.createElement("span");
            other.className = "cm-search-other";
            other.lang = item.lang === "alias" ? "" : item.lang;
            other.textContent = CM.text(item.label);
            li.appendChild(other);
        }
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(k); });
        list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
}
function find(value) {
    // the best match for a name, as the search box would pick it; false if nothing matches
    var best = matches(value, 1)[0];
    return best ? openItem(best) : false;
}
input.addEventListener("focus", function () { if (!searchIndex) { buildIndex(); } });
input.addEventListener("input", suggest);
input.addEventListener("blur", closeList);
input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (list.hidden) { suggest(); }
        if (!shown.length) { return; }
        ev.preventDefault();
        var step = ev.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + shown.length + (active < 0 && step < 0 ? 1 : 0)) % shown.length);
    } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (!shown.length) { suggest(); }
        if (shown.length) { pick(active >= 0 ? active : 0); }
    } else if (ev.key === "Escape") {
        if (!list.hidden || !none.hidden) { ev.preventDefault(); closeList(); }
    }
});

window.corridormap = {
    map: map, groups: groups, entries: entries, byId: byId, setYear: setYear, find: find, scorecard: scoreGroup, backbone: backbone, minimap: minimap,
    count: function (key) { return entries.filter(function (e) { return e.key === key && e.shown && map.hasLayer(e.group); }).length; },
    total: function (key) { return entries.filter(function (e) { return e.key === key; }).length; }
};
