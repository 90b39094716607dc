/* corridormap flow map: flows with width by volume, the minimum cut in red, a summary box. */
CM.network(map, DATA.network);
var bounds = L.latLngBounds([]);
var flows = L.featureGroup().addTo(map);
var cut = L.featureGroup().addTo(map);
DATA.flows.forEach(function (f) {
    var line = L.polyline(CM.latlngs(f.g), {color: CM.P.flow.flow, weight: f.w, opacity: 0.85, lineCap: "round"});
    line.bindTooltip(f.id + ": " + CM.fmt(f.v, 3) + " " + DATA.summary.unit, {sticky: true});
    line.feature = {properties: {id: f.id, value: f.v}};
    flows.addLayer(line);
    bounds.extend(line.getBounds());
    if (f.cut) {
        var mark = L.polyline(CM.latlngs(f.g), {color: CM.P.flow.cut, weight: f.w + 4, opacity: 0.9, dashArray: "8 6"});
        mark.bindTooltip("Minimum cut: " + f.id, {sticky: true});
        mark.feature = {properties: {id: f.id, cut: true}};
        cut.addLayer(mark);
    }
});
var ROLE = CM.P.flow;
DATA.nodes.forEach(function (n) {
    var m = L.circleMarker([n.lat, n.lon], {radius: n.role === "cut" ? 9 : 7, color: "#fff", weight: 2, fillColor: ROLE[n.role], fillOpacity: 1});
    m.bindTooltip(n.role + ": " + n.n, {sticky: true});
    m.feature = {properties: {id: n.id, role: n.role}};
    (n.role === "cut" ? cut : flows).addLayer(m);
    bounds.extend(m.getLatLng());
});
var s = DATA.summary;
CM.box(map, "topright", "cm-summary leaflet-bar",
    "<h4>" + s.title + "</h4><table class='cm-facts'>" +
    "<tr><th>Maximum</th><td>" + (s.value === null ? "unbounded" : CM.fmt(s.value, 3) + " " + s.unit) + "</td></tr>" +
    "<tr><th>Network as of</th><td>" + s.as_of + "</td></tr>" +
    "<tr><th>From</th><td>" + s.sources.join(", ") + "</td></tr><tr><th>To</th><td>" + s.sinks.join(", ") + "</td></tr>" +
    "<tr><th>Binds at</th><td>" + (s.binding.map(function (b) { return b[0] + " (" + CM.fmt(b[1], 3) + " " + b[2] + ", " + b[3] + " " + b[4] + ")"; }).join("<br>") || "–") + "</td></tr>" +
    "</table><div class='cm-legend-note'>Line width: flow. Red dashes: the minimum cut. " +
    "<span class='cm-dot' style='background:" + ROLE.source + "'></span>source <span class='cm-dot' style='background:" + ROLE.sink + "'></span>sink</div>");
L.control.layers(CM.baseLayers(map, DATA.land), {"Flows": flows, "Minimum cut": cut}, {collapsed: true}).addTo(map);
if (bounds.isValid()) { map.fitBounds(bounds, {padding: [40, 40], animate: false}); }
window.corridormap = {map: map, flows: flows, cut: cut, count: function () { return flows.getLayers().length; }};
