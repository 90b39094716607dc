/* corridormap: helpers shared by the overview, route and flow maps. Every text in DATA was
   HTML-escaped by the Python side, so it may be inserted as HTML; URLs are http(s) only. */
var CM = window.CM = {};
CM.P = DATA.palette;  // the one palette (corridormap.style)
// the data's licences (a constant of corridormap.maps, not text from a dataset)
if (map.attributionControl) { map.attributionControl.addAttribution(DATA.credit); }
CM.baseLayers = function (map, land) {
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"
    });
    var layers = {"OpenStreetMap": osm};
    if (land) {
        // drawn in a pane of its own, under the network's lines and markers
        if (!map.getPane("cm-base")) { map.createPane("cm-base").style.zIndex = 250; }
        var ground = L.layerGroup();
        layers["Natural Earth (works offline)"] = ground;
        // built when first shown; the sea is the map's own background while it is shown
        ground.on("add", function () {
            if (!ground.getLayers().length) {
                var renderer = L.svg({pane: "cm-base"});
                ground.addLayer(L.geoJSON(land, {style: {color: CM.P.base.coast, weight: 0.6, fillColor: CM.P.base.land, fillOpacity: 1}, interactive: false, pane: "cm-base", renderer: renderer}));
            }
            map.getContainer().style.background = CM.P.base.sea;
        });
        ground.on("remove", function () { map.getContainer().style.background = ""; });
    }
    osm.addTo(map);
    CM.offline = function () {
        // show the embedded Natural Earth base instead of the tiles
        if (map.hasLayer(osm)) { map.removeLayer(osm); }
        layers["Natural Earth (works offline)"].addTo(map);
    };
    if (land) {
        // with no internet the tiles fail: fall back to the embedded Natural Earth base
        osm.once("tileerror", function () {
            if (map.hasLayer(osm)) { map.removeLayer(osm); layers["Natural Earth (works offline)"].addTo(map); }
        });
    }
    return layers;
};
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
