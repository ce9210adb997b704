/* Partner cities on a Leaflet map (a network's partners, a country's cities, every partner
 * city of the networks in a selection).
 *
 * Progressive enhancement: the page lists the same cities as text, and the map's figure shows
 * only where scripts run (the stylesheet's `scripting` media query). Nothing heavy loads with
 * the page: when the map comes near the viewport (IntersectionObserver), this script loads
 * Leaflet and its stylesheet (data-leaflet-js, data-leaflet-css) and draws the cities read
 * from the JSON block named by data-points-id. Tiles come from data-tile-url (the
 * MAP_TILE_URL setting); without one the map draws the country outlines of
 * static/map/europe.json (data-outlines-url: Natural Earth's outlines of Europe and its
 * neighbours, simplified at build time, TopoJSON turned into GeoJSON by topojson-client from
 * data-topojson-js) and requests nothing from anyone else.
 *
 * Outlines and markers are added a few at a time, each batch in its own task, so that no
 * task keeps a slow phone's main thread for long.
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

  // Features and markers added per task.
  var BATCH = 25;

  /* Calls `each` for every item, BATCH items per task, then `done`. */
  function inBatches(items, each, done) {
    var index = 0;
    function next() {
      var end = Math.min(index + BATCH, items.length);
      for (; index < end; index += 1) {
        each(items[index]);
      }
      if (index < items.length) {
        window.setTimeout(next, 0);
      } else if (done) {
        done();
      }
    }
    next();
  }

  var loading = {}; // address -> {done, callbacks}

  /* Loads a script or a stylesheet once; calls back when it is there (or failed to load). */
  function load(url, callback) {
    var entry = loading[url];
    if (entry) {
      if (entry.done) {
        callback();
      } else {
        entry.callbacks.push(callback);
      }
      return;
    }
    entry = loading[url] = { done: false, callbacks: [callback] };
    var isStylesheet = /\.css(\?|$)/.test(url);
    var element = document.createElement(isStylesheet ? "link" : "script");
    if (isStylesheet) {
      element.rel = "stylesheet";
      element.href = url;
    } else {
      element.src = url;
      element.async = false; // in the order asked: Leaflet before what uses it
    }
    function finish() {
      entry.done = true;
      entry.callbacks.forEach(function (waiting) {
        waiting();
      });
    }
    element.addEventListener("load", finish);
    element.addEventListener("error", finish); // without Leaflet, drawMap does nothing
    document.head.appendChild(element);
  }

  /* Loads every address in `urls`, then calls `callback`. */
  function loadAll(urls, callback) {
    var waiting = urls.length;
    if (!waiting) {
      callback();
      return;
    }
    urls.forEach(function (url) {
      load(url, function () {
        waiting -= 1;
        if (!waiting) {
          callback();
        }
      });
    });
  }

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
      element.classList.add("map--no-outlines");
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
        var layer = window.L.geoJSON(null, { style: OUTLINE_STYLE }).addTo(map);
        inBatches(
          countries.features,
          function (country) {
            layer.addData(country);
          },
          function () {
            element.classList.add("map--outlined");
          }
        );
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
    var tileUrl = element.getAttribute("data-tile-url");
    var map = window.L.map(element, {
      scrollWheelZoom: false,
      zoomSnap: 0.25,
      attributionControl: Boolean(tileUrl),
      // The simplified outlines look coarse past this zoom; tiles go further.
      maxZoom: tileUrl ? 18 : 8,
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
    map.fitBounds(
      window.L.latLngBounds(
        points.map(function (point) {
          return [point.lat, point.lng];
        })
      ).pad(0.15),
      { maxZoom: 7 }
    );
    var markers = [];
    inBatches(
      ordered,
      function (point) {
        markers.push(addMarker(map, point, permanent));
      },
      function () {
        element.classList.add("map--drawn");
        if (permanent) {
          // The labels of the lead partners and of the cities in most networks come first.
          var byPriority = markers.slice().reverse();
          declutter(map, byPriority, markers);
          map.on("zoomend", function () {
            declutter(map, byPriority, markers);
          });
        }
      }
    );
  }

  function addMarker(map, point, permanent) {
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

  /* Leaflet (and the outlines' decoder) first, then the map. */
  function start(element) {
    var urls = [element.getAttribute("data-leaflet-css"), element.getAttribute("data-leaflet-js")];
    if (!element.getAttribute("data-tile-url")) {
      urls.push(element.getAttribute("data-topojson-js"));
    }
    loadAll(urls.filter(Boolean), function () {
      drawMap(element);
    });
  }

  var elements = document.querySelectorAll("[data-network-map]");
  if (!("IntersectionObserver" in window)) {
    elements.forEach(start);
    return;
  }
  var observer = new window.IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          start(entry.target);
        }
      });
    },
    { rootMargin: "200px 0px" }
  );
  elements.forEach(function (element) {
    observer.observe(element);
  });
})();
