// Natural Earth 1:50m country boundaries (world-atlas TopoJSON) -> the explorer's offline base map.
// Keeps the countries that reach into Europe, the Mediterranean, the Caucasus, Central Asia and
// Russia; simplifies on the shared topology (so neighbours keep a common border); rounds to 0.01°
// (about 1 km, finer than a 1:50m source). Run: npm ci && npm run build
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";
import { presimplify, quantile, simplify } from "topojson-simplify";

const SOURCE = "node_modules/world-atlas/countries-50m.json";
const TARGET = "../countries-europe-russia-50m.geojson";
const REGION = { west: -32, east: 180, south: 25, north: 84 }; // Azores and Iceland to Chukotka
const KEEP_WEIGHT_QUANTILE = 0.35; // drop the 35 % least significant points
const RUSSIA = "643";

const world = JSON.parse(readFileSync(SOURCE, "utf8"));
const presimplified = presimplify(world);
const topology = simplify(presimplified, quantile(presimplified, KEEP_WEIGHT_QUANTILE));
const countries = feature(topology, topology.objects.countries).features;

const round = (x) => Math.round(x * 100) / 100;

function mapRings(geometry, fn) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map(fn)));
}

function bbox(polygons) {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) for (const [x, y] of rings[0]) {
    west = Math.min(west, x); east = Math.max(east, x); south = Math.min(south, y); north = Math.max(north, y);
  }
  return { west, south, east, north };
}

const kept = [];
for (const country of countries) {
  if (!country.geometry) continue;
  // Russia's far east crosses the antimeridian: draw it east of 180° so the country is one piece.
  const shift = country.id === RUSSIA ? ([x, y]) => [x < -100 ? x + 360 : x, y] : (p) => p;
  const polygons = mapRings(country.geometry, (p) => shift(p).map(round))
    .filter((rings) => {
      const b = bbox([rings]);
      return b.east >= REGION.west && b.west <= (country.id === RUSSIA ? 200 : REGION.east)
        && b.north >= REGION.south && b.south <= REGION.north;
    })
    .map((rings) => rings.filter((ring) => ring.length >= 4));
  if (polygons.length === 0) continue;
  kept.push({
    type: "Feature",
    id: country.id,
    properties: { iso_n3: country.id ?? null, name: country.properties.name },
    geometry: { type: "MultiPolygon", coordinates: polygons },
  });
}
kept.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
const collection = {
  type: "FeatureCollection",
  source: "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC)",
  features: kept,
};
writeFileSync(TARGET, JSON.stringify(collection) + "\n");
console.log(`${kept.length} countries, ${JSON.stringify(collection).length} bytes -> ${TARGET}`);
