/* The partner cities of a network on a Leaflet map.
 *
 * Progressive enhancement: the page lists every partner in a table; this script only
 * reveals the map figure (hidden without JavaScript) and draws the cities read from the
 * JSON block named by data-points-id. Tiles come from data-tile-url (the MAP_TILE_URL
 * setting); without one the map shows the cities with their names and requests nothing
 * from anyone.
 */
(function () {
  "use strict";

  var LEAD_COLOUR = "#c4006a";
  var PARTNER_COLOUR = "#00507a";

  function popupContent(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    box.appendChild(link);
    box.appendChild(document.createTextNode(" (" + point.country + ") · " + point.role));
    return box;
  }

  function drawMap(element) {
    var source = document.getElementById(element.getAttribute("data-points-id"));
    if (!source || !window.L) {
      return;
    }
    var points = JSON.parse(source.textContent);
    if (!points.length) {
      return;
    }
    var figure = element.closest("figure");
    if (figure) {
      figure.hidden = false;
    }
    var tileUrl = element.getAttribute("data-tile-url");
    var map = window.L.map(element, {
      scrollWheelZoom: false,
      attributionControl: Boolean(tileUrl),
    });
    if (tileUrl) {
      window.L.tileLayer(tileUrl, {
        attribution: element.getAttribute("data-tile-attribution") || "",
        maxZoom: 18,
      }).addTo(map);
    } else {
      element.classList.add("map--plain");
    }
    var markers = points.map(function (point) {
      var marker = window.L.circleMarker([point.lat, point.lng], {
        radius: point.lead ? 10 : 7,
        color: "#ffffff",
        weight: 2,
        fillColor: point.lead ? LEAD_COLOUR : PARTNER_COLOUR,
        fillOpacity: 1,
      });
      marker.bindPopup(popupContent(point));
      marker.bindTooltip(point.name, { permanent: !tileUrl, direction: "right", offset: [8, 0] });
      return marker.addTo(map);
    });
    map.fitBounds(window.L.featureGroup(markers).getBounds().pad(0.25), { maxZoom: 7 });
  }

  document.querySelectorAll("[data-network-map]").forEach(drawMap);
})();
