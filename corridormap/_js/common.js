/* corridormap: helpers shared by the overview, route and flow maps. Every text in DATA was
   HTML-escaped by the Python side, so it may be inserted as HTML; URLs are http(s) only. */
var CM = window.CM = {};
CM.P = DATA.palette;  // the one palette (corridormap.style)
// the data's licences (a constant of corridormap.maps, not text from a dataset)
if (map.attributionControl) { map.attributionControl.addAttribution(DATA.credit); }
CM.landLayer = function (land, renderer) {
    // Natural Earth land (embedded in the page), drawn on a canvas; the sea is the map's background
    return L.geoJSON(land, {style: {color: CM.P.base.coast, weight: 0.6, fillColor: CM.P.base.land, fillOpacity: 1},
        interactive: false, renderer: renderer, pane: renderer.options.pane});
};
CM.baseLayers = function (map, land) {
    // The embedded Natural Earth base is shown by default, so the page needs no network; the
    // OpenStreetMap tiles are an option in the layer control, requested only once chosen.
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"
    });
    var layers = {};
    if (land) {
        // drawn in a pane of its own, under the network's lines and markers
        if (!map.getPane("cm-base")) { map.createPane("cm-base").style.zIndex = 250; }
        var ground = CM.landLayer(land, L.canvas({pane: "cm-base"}));
        layers["Natural Earth (offline)"] = ground;
        ground.on("add", function () { map.getContainer().style.background = CM.P.base.sea; });
        ground.on("remove", function () { map.getContainer().style.background = ""; });
        ground.addTo(map);
    }
    layers["OpenStreetMap (online)"] = osm;
    if (!land) { osm.addTo(map); }
    CM.offline = function () {
        // the embedded Natural Earth base instead of the tiles
        if (map.hasLayer(osm)) { map.removeLayer(osm); }
        if (land && !map.hasLayer(layers["Natural Earth (offline)"])) { layers["Natural Earth (offline)"].addTo(map); }
    };
    return layers;
};
CM.miniMap = function (map, land) {
    // the overview's mini-map, on the same embedded base
    var layer = CM.landLayer(land, L.canvas());
    var mini = new L.Control.MiniMap(layer, {position: "bottomright", toggleDisplay: true, width: 150, height: 150,
        zoomLevelOffset: -5, aimingRectOptions: {color: CM.P.layers.border_crossings, weight: 1, interactive: false}});
    mini.addTo(map);
    mini._miniMap.getContainer().style.background = CM.P.base.sea;
    return mini;
};
L.control.fullscreen({position: "topleft"}).addTo(map);
CM.latlngs = function (geometry) {
    var swap = function (c) { return [c[1], c[0]]; };
    if (geometry.type === "Point") { return swap(geometry.coordinates); }
    if (geometry.type === "LineString") { return geometry.coordinates.map(swap); }
    if (geometry.type === "MultiLineString") { return geometry.coordinates.map(function (part) { return part.map(swap); }); }
    return [];
};
CM.box = function (map, position, className, html) {
    var Box = L.Control.extend({
        options: {position: position},
        onAdd: function () {
            var div = L.DomUtil.create("div", className);
            div.innerHTML = html;
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        }
    });
    var box = new Box();
    box.addTo(map);
    return box.getContainer();
};
CM.network = function (map, geometries) {
    return L.geoJSON({type: "GeometryCollection", geometries: geometries}, {
        style: {color: CM.P.base.faded, weight: 1, opacity: 0.35}, interactive: false
    }).addTo(map);
};
CM.fmt = function (x, digits) {
    if (x === null || x === undefined) { return "–"; }
    return Number(x).toLocaleString("en", {maximumFractionDigits: digits === undefined ? 1 : digits});
};
CM.icon = function (classes, size) {
    // the shape is an inner element: Leaflet positions the outer one with a CSS transform
    return L.divIcon({className: "cm-icon", html: "<div class='" + classes + "'></div>", iconSize: [size, size]});
};
CM.text = function (escaped) {
    // decode the HTML entities of an escaped string into plain text (a textarea parses no tags)
    var t = document.createElement("textarea");
    t.innerHTML = escaped;
    return t.value;
};
window.corridormap = window.corridormap || {};
