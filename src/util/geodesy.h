/*
 * geodesy: distances on the WGS84 ellipsoid (Karney's algorithm, PROJ's geodesic.h), and the
 * GCJ-02 <-> WGS84 conversion that Chinese web maps need (GCJ-02 is the datum of AMap, Tencent
 * and most Chinese map sources; a file that says its coordinates are GCJ-02 is converted to
 * WGS84 on import).
 */
#ifndef WY_GEODESY_H
#define WY_GEODESY_H

/* Metres between two WGS84 points on the ellipsoid. */
double geo_distance_m(double lon1, double lat1, double lon2, double lat2);
/* The degrees of longitude and latitude that r metres span at lat (for bounding boxes). */
void geo_degrees_for(double lat, double r, double *dlon, double *dlat);
/* Is (lon, lat) inside mainland China's rough bounding box (where GCJ-02 applies)? */
int gcj02_applies(double lon, double lat);
/* WGS84 -> GCJ-02 (the forward transform). */
void wgs84_to_gcj02(double lon, double lat, double *glon, double *glat);
/* GCJ-02 -> WGS84 by iterating the forward transform (error well under 1 cm). */
void gcj02_to_wgs84(double glon, double glat, double *lon, double *lat);

#endif
