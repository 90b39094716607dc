/* corridormap route map: the route's legs over the faded network, with a summary box. */
CM.network(map, DATA.network);
var bounds = L.latLngBounds([]);
var legs = L.featureGroup().addTo(map);
DATA.legs.forEach(function (leg, i) {
    var label = (leg.transfer ? leg.transfer.replace(/_/g, " ") : leg.mode) + ": " + leg.from + " → " + leg.to;
    var info = "<div class='cm-popup'><h4>Leg " + (i + 1) + ": " + label + "</h4><table class='cm-facts'>" +
        "<tr><th>Length</th><td>" + CM.fmt(leg.km) + " km</td></tr><tr><th>Time</th><td>" + CM.fmt(leg.h) + " h</td></tr>" +
        (leg.crossings.length ? "<tr><th>Crossings</th><td>" + leg.crossings.join(", ") + "</td></tr>" : "") +
        (leg.features.length ? "<tr><th>Features</th><td>" + leg.features.join("<br>") + "</td></tr>" : "") + "</table></div>";
    var layer;
    if (leg.g.type === "Point") {
        layer = L.circleMarker(CM.latlngs(leg.g), {radius: 8, color: "#fff", weight: 2, fillColor: leg.colour, fillOpacity: 1});
    } else {
        layer = L.polyline(CM.latlngs(leg.g), {color: leg.colour, weight: 5, opacity: 0.9, lineCap: "round"});
    }
    layer.bindTooltip(label, {sticky: true});
    layer.bindPopup(info, {maxWidth: 420});
    layer.feature = {properties: {leg: i, mode: leg.mode}};
    legs.addLayer(layer);
    bounds.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
});
DATA.crossings.forEach(function (c) {
    var m = L.marker([c.lat, c.lon], {icon: CM.icon("cm-marker cm-border_crossings", 14)});
    m.bindTooltip("Border crossing: " + c.n, {sticky: true});
    legs.addLayer(m);
});
var s = DATA.summary;
var modes = Object.keys(CM.P.modes).map(function (m) {
    return "<span class='cm-mode'><span class='cm-swatch' style='background:" + CM.P.modes[m] + "'></span>" + m + "</span>";
}).join(" ");
CM.box(map, "topright", "cm-summary leaflet-bar",
    "<h4>" + s.title + "</h4><table class='cm-facts'>" +
    "<tr><th>Length</th><td>" + CM.fmt(s.length_km) + " km</td></tr>" +
    "<tr><th>Time</th><td>" + (s.time_h === null ? "–" : CM.fmt(s.time_h) + " h") + "</td></tr>" +
    "<tr><th>Shortest by</th><td>" + s.weight + "</td></tr>" +
    "<tr><th>Network as of</th><td>" + s.as_of + (s.month ? ", month " + s.month : "") + "</td></tr>" +
    "<tr><th>Crossings</th><td>" + (s.crossings.join(", ") || "none") + "</td></tr>" +
    "<tr><th>Transfers</th><td>" + (s.transfers.map(function (t) { return t.replace(/_/g, " "); }).join(", ") || "none") + "</td></tr>" +
    "</table><div class='cm-legend-note'>" + modes + "</div>");
L.control.layers(CM.baseLayers(map, DATA.land), {"Route": legs}, {collapsed: true}).addTo(map);
if (bounds.isValid()) { map.fitBounds(bounds, {padding: [40, 40], animate: false}); }
window.corridormap = {map: map, legs: legs, count: function () { return legs.getLayers().length; }};
