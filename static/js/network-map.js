/* Partner cities on a Leaflet map (a network's partners, a country's cities, every partner
 * city of the networks in a selection).
 *
 * Progressive enhancement: the page lists the same cities as text; this script only reveals
 * the map figure (hidden without JavaScript) and draws the cities read from the JSON block
 * named by data-points-id. Tiles come from data-tile-url (the MAP_TILE_URL setting); without
 * one the map draws country outlines from the portal's own copy of Natural Earth's data
 * (data-outlines-url, TopoJSON turned into GeoJSON by topojson-client) and requests nothing
 * from anyone else.
 *
 * A point has name, country, lat, lng, url, lead (drawn in the accent colour) and either role
 * (a network's partner) or note and networks (a city counted over several networks: the
 * circle grows with the count).
 */
(function () {
  "use strict";

  var LEAD_COLOUR = "#c4006a";
  var PARTNER_COLOUR = "#00507a";
  var OUTLINE_STYLE = {
    className: "map__outline",
    color: "#7d8b99",
    weight: 0.8,
    fillColor: "#f7f5ef",
    fillOpacity: 1,
    interactive: false,
    pane: "outlines",
  };

  function describe(point) {
    return point.note || point.role || "";
  }

  function popupContent(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    box.appendChild(link);
    box.appendChild(document.createTextNode(" (" + point.country + ") · " + describe(point)));
    return box;
  }

  function radius(point) {
    if (point.networks) {
      return Math.min(5 + 2 * Math.sqrt(point.networks), 14);
    }
    return point.lead ? 10 : 7;
  }

  function drawOutlines(map, element) {
    var url = element.getAttribute("data-outlines-url");
    if (!url || !window.topojson || !window.fetch) {
      return;
    }
    var pane = map.createPane("outlines");
    pane.style.zIndex = 350; // under the markers (overlay pane, 400), over any tile pane
    pane.style.pointerEvents = "none";
    window
      .fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (world) {
        var countries = window.topojson.feature(world, world.objects.countries);
        window.L.geoJSON(countries, { style: OUTLINE_STYLE }).addTo(map);
        element.classList.add("map--outlined");
      })
      .catch(function () {
        // The markers stand on the plain background, as they would without outlines.
        element.classList.add("map--no-outlines");
      });
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
      zoomSnap: 0.25,
      attributionControl: Boolean(tileUrl),
      // Natural Earth's 1:50m outlines look coarse past this zoom; tiles go further.
      maxZoom: tileUrl ? 18 : 9,
      minZoom: tileUrl ? 0 : 2,
    });
    if (tileUrl) {
      window.L.tileLayer(tileUrl, {
        attribution: element.getAttribute("data-tile-attribution") || "",
        maxZoom: 18,
      }).addTo(map);
    } else {
      element.classList.add("map--plain");
      drawOutlines(map, element);
    }
    // Names always shown only where they are few; elsewhere on hover and in the popup.
    var permanent = !tileUrl && element.getAttribute("data-labels") !== "hover";
    // Lead partners drawn last, so no other circle covers them; larger circles first.
    var ordered = points.slice().sort(function (a, b) {
      return (a.lead ? 1 : 0) - (b.lead ? 1 : 0) || (b.networks || 0) - (a.networks || 0);
    });
    var markers = ordered.map(function (point) {
      var marker = window.L.circleMarker([point.lat, point.lng], {
        radius: radius(point),
        color: "#ffffff",
        weight: 2,
        fillColor: point.lead ? LEAD_COLOUR : PARTNER_COLOUR,
        fillOpacity: point.networks ? 0.9 : 1,
        className: "map__marker",
      });
      marker.bindPopup(popupContent(point));
      var label = permanent || !point.networks ? point.name : point.name + " · " + describe(point);
      marker.bindTooltip(label, { permanent: permanent, direction: "right", offset: [8, 0] });
      if (permanent) {
        // A label that waits for the pointer shows while the pointer is on its circle.
        marker.on("mouseover mouseout", function (event) {
          var tooltip = marker.getTooltip().getElement();
          if (tooltip) {
            tooltip.classList.toggle("map__label--shown", event.type === "mouseover");
          }
        });
      }
      return marker.addTo(map);
    });
    map.fitBounds(window.L.featureGroup(markers).getBounds().pad(0.15), { maxZoom: 7 });
    if (permanent) {
      // The labels of the lead partners and of the cities in most networks come first.
      var byPriority = markers.slice().reverse();
      declutter(map, byPriority, markers);
      map.on("zoomend", function () {
        declutter(map, byPriority, markers);
      });
    }
  }

  function overlaps(box, boxes) {
    return boxes.some(function (other) {
      return (
        box.left < other.right &&
        other.left < box.right &&
        box.top < other.bottom &&
        other.top < box.bottom
      );
    });
  }

  function place(tooltip, direction) {
    tooltip.options.direction = direction;
    tooltip.options.offset = direction === "right" ? [8, 0] : [-8, 0];
    tooltip.update();
  }

  /* Permanent labels that would cover another label or another city's circle move to the
   * circle's left (so do labels that would leave the map) or, where that is taken too, wait for the pointer (or a closer zoom). */
  function declutter(map, byPriority, markers) {
    var frame = map.getContainer().getBoundingClientRect();
    var circles = markers.map(function (marker) {
      return marker.getElement().getBoundingClientRect();
    });
    var labels = [];
    byPriority.forEach(function (marker) {
      var tooltip = marker.getTooltip();
      var label = tooltip.getElement();
      if (!label) {
        return;
      }
      var own = circles[markers.indexOf(marker)];
      var obstacles = circles
        .filter(function (box) {
          return box !== own;
        })
        .concat(labels);
      label.classList.remove("map__label--waiting");
      var placed = ["right", "left"].some(function (direction) {
        place(tooltip, direction);
        var box = label.getBoundingClientRect();
        var inside = box.left >= frame.left && box.right <= frame.right;
        return inside && !overlaps(box, obstacles);
      });
      if (placed) {
        labels.push(label.getBoundingClientRect());
      } else {
        place(tooltip, "right");
        label.classList.add("map__label--waiting");
      }
    });
  }

  document.querySelectorAll("[data-network-map]").forEach(drawMap);
})();
