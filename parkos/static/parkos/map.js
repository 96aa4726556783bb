// Parcels and buildings on a Leaflet map, over the park's own roads. With no tile server
// configured (a closed network) the roads are the base map, and it still pans, zooms and links.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("space-map");
  if (!el) return;
  const data = JSON.parse(document.getElementById("map-features").textContent);
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const map = L.map(el, { zoomSnap: 0.25, maxZoom: 19 });
  if (config.tiles) L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  const colours = { available: "#198754", reserved: "#ffc107", transferred: "#6c757d" };
  // Leaflet writes a string tooltip as HTML; names and codes are typed by users (and shown to
  // anonymous visitors), so they go in as text nodes, never as markup.
  const text = (value) => document.createTextNode(String(value));
  const layers = [];
  (data.roads || []).forEach((r) => {
    const road = L.polyline(r.line, {
      color: "#adb5bd", weight: config.tiles ? 2 : 5, interactive: !!r.name, className: "park-road",
    });
    if (r.name) road.bindTooltip(text(r.name));
    road.addTo(map);
  });
  data.parcels.forEach((p) => {
    const shape = L.polygon(p.polygon, { color: colours[p.status] || "#0d6efd", weight: 2, fillOpacity: 0.25 })
      .bindTooltip(text(p.code)).on("click", () => { window.location = p.url; });
    shape.addTo(map); layers.push(shape);
  });
  data.buildings.forEach((b) => {
    const marker = L.circleMarker([b.lat, b.lng], { radius: 7, color: "#0d6efd", fillOpacity: 0.8 })
      .bindTooltip(text(b.name)).on("click", () => { window.location = b.url; });
    marker.addTo(map); layers.push(marker);
  });
  if (layers.length === 1 && !data.parcels.length) map.setView([data.buildings[0].lat, data.buildings[0].lng], 16);
  else if (layers.length) map.fitBounds(L.featureGroup(layers).getBounds().pad(0.2));
  else if ((data.roads || []).length) map.fitBounds(L.polyline(data.roads.flatMap((r) => r.line)).getBounds());
  else map.setView([30.74, 121.34], 13);
  L.control.scale({ imperial: false }).addTo(map);
});
