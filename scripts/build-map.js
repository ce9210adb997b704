#!/usr/bin/env node
/* Builds static/map/europe.json: the country outlines the portal's maps and social cards draw,
 * from Natural Earth's 1:50m outlines (npm world-atlas), cut to the area the portal shows
 * (Europe and its neighbours), simplified and quantized so the file stays small.
 *
 * Run with `npm run build-map` after `npm install`; the result is committed, so neither the
 * site nor its tests need npm. The limits below are checked here and by tests/test_map_data.py.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const topojsonClient = require("topojson-client");
const topojsonServer = require("topojson-server");
const topojsonSimplify = require("topojson-simplify");

// [west, south, east, north] in degrees: Iceland and the Azores to the Caspian, the Canary
// Islands and North Africa to the North Cape.
const AREA = [-32, 27, 48, 72];
// Triangles of less area than this (in square degrees) are simplified away, and islands of
// less weight are left out.
const MIN_WEIGHT = 0.002;
const QUANTIZATION = 5000;
const MAX_GZIPPED_BYTES = 60 * 1024;

const SOURCE = require.resolve("world-atlas/countries-50m.json");
const TARGET = path.join(__dirname, "..", "static", "map", "europe.json");

/* One ring cut to the rectangle (Sutherland-Hodgman, one edge of the rectangle at a time). */
function clipRing(ring, [west, south, east, north]) {
  const edges = [
    [(p) => p[0] >= west, (a, b) => crossX(a, b, west)],
    [(p) => p[0] <= east, (a, b) => crossX(a, b, east)],
    [(p) => p[1] >= south, (a, b) => crossY(a, b, south)],
    [(p) => p[1] <= north, (a, b) => crossY(a, b, north)],
  ];
  // A ring across the antimeridian (Russia's) is unwrapped first, east of 180 degrees.
  const wraps = ring.some((p) => p[0] < -90) && ring.some((p) => p[0] > 90);
  let points = ring.slice(0, -1).map((p) => (wraps && p[0] < 0 ? [p[0] + 360, p[1]] : p));
  for (const [inside, cross] of edges) {
    const kept = [];
    points.forEach((current, index) => {
      const previous = points[(index + points.length - 1) % points.length];
      if (inside(current)) {
        if (!inside(previous)) kept.push(cross(previous, current));
        kept.push(current);
      } else if (inside(previous)) {
        kept.push(cross(previous, current));
      }
    });
    points = kept;
    if (!points.length) return null;
  }
  if (points.length < 3) return null;
  return points.concat([points[0]]);
}

function crossX(a, b, x) {
  const t = (x - a[0]) / (b[0] - a[0]);
  return [x, a[1] + t * (b[1] - a[1])];
}

function crossY(a, b, y) {
  const t = (y - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), y];
}

function clipPolygon(rings) {
  const outer = clipRing(rings[0], AREA);
  if (!outer) return null;
  return [outer].concat(rings.slice(1).map((ring) => clipRing(ring, AREA)).filter(Boolean));
}

function clipFeature(feature) {
  const geometry = feature.geometry;
  if (!geometry) return null;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = polygons.map(clipPolygon).filter(Boolean);
  if (!kept.length) return null;
  // Only the numeric ISO 3166-1 code is kept: the maps need no names.
  return {
    type: "Feature",
    id: feature.id,
    properties: {},
    geometry: { type: "MultiPolygon", coordinates: kept },
  };
}

function build() {
  const world = JSON.parse(fs.readFileSync(SOURCE, "utf8"));
  const countries = topojsonClient.feature(world, world.objects.countries);
  const features = countries.features.map(clipFeature).filter(Boolean);
  let topology = topojsonServer.topology({ countries: { type: "FeatureCollection", features } });
  topology = topojsonSimplify.presimplify(topology, topojsonSimplify.planarTriangleArea);
  topology = topojsonSimplify.filter(
    topology,
    topojsonSimplify.filterWeight(topology, MIN_WEIGHT, topojsonSimplify.planarRingArea),
  );
  topology = topojsonSimplify.simplify(topology, MIN_WEIGHT);
  topology = topojsonClient.quantize(topology, QUANTIZATION);
  topology.bbox = AREA;
  const text = JSON.stringify(topology);
  const gzipped = zlib.gzipSync(text, { level: 9 }).length;
  if (gzipped > MAX_GZIPPED_BYTES) {
    throw new Error(`${TARGET} would be ${gzipped} bytes gzipped, over ${MAX_GZIPPED_BYTES}`);
  }
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, text + "\n");
  console.log(
    `${path.relative(process.cwd(), TARGET)}: ${features.length} countries, ` +
      `${text.length} bytes, ${gzipped} gzipped`,
  );
}

build();
