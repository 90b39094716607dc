/* corridormap sweep map: links and nodes coloured by criticality (expected or mean loss), a legend. */
CM.network(map, DATA.network);
var bounds = L.latLngBounds([]);
var links = L.featureGroup().addTo(map);
var nodes = L.featureGroup().addTo(map);
var s = DATA.summary;
function label(f) {
    return f.n + " (" + f.id + "): " + CM.fmt(f.v, 3) + " " + s.unit +
        (f.b === null ? "" : "; binds in " + CM.fmt(100 * f.b, 0) + "% of scenarios");
}
DATA.items.forEach(function (f) {
    var layer;
    if (f.node) {
        layer = L.circleMarker(CM.latlngs(f.g), {radius: 8, color: "#444", weight: 1.5, fillColor: f.c, fillOpacity: 1});
        nodes.addLayer(layer);
        bounds.extend(layer.getLatLng());
    } else {
        layer = L.polyline(CM.latlngs(f.g), {color: f.c, weight: 6, opacity: 0.95, lineCap: "round"});
        links.addLayer(layer);
        bounds.extend(layer.getBounds());
    }
    layer.bindTooltip(label(f), {sticky: true});
    layer.feature = {properties: {id: f.id, value: f.v, binds: f.b, colour: f.c}};
});
var rows = s.legend.map(function (c) {
    return "<tr><td><span class='cm-dot' style='background:" + c[0] + "'></span></td><td>" +
        CM.fmt(c[1], 3) + " – " + CM.fmt(c[2], 3) + " " + s.unit + "</td></tr>";
}).join("");
CM.box(map, "topright", "cm-summary leaflet-bar",
    "<h4>" + s.title + "</h4><table class='cm-facts cm-legend'>" + rows + "</table>" +
    "<div class='cm-legend-note'>Colour: loss. Hover a link or node for its loss and how often it binds.</div>");
L.control.layers(CM.baseLayers(map, DATA.land), {"Links": links, "Nodes": nodes}, {collapsed: true}).addTo(map);
if (bounds.isValid()) { map.fitBounds(bounds, {padding: [40, 40], animate: false}); }
window.corridormap = {map: map, links: links, nodes: nodes, count: function () { return links.getLayers().length + nodes.getLayers().length; }};
