-- The outline of a division (a GeoJSON Polygon or MultiPolygon in WGS84), for the maps wenyun
-- draws itself.
CREATE TABLE division_shapes (
    code    {{code}} PRIMARY KEY REFERENCES divisions(code),
    geojson TEXT NOT NULL,
    source  TEXT NOT NULL
) {{strict}};
