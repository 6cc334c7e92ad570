/*
 * geodesy: see geodesy.h. The GCJ-02 transform is the published formula (a polynomial-and-sine
 * offset on the Krasovsky ellipsoid); no Debian library ships it, so it is written out here.
 * The inverse has no closed form: iterating the forward transform converges to well under a
 * centimetre in a few steps.
 */
#include "util/geodesy.h"

#include <geodesic.h>
#include <math.h>
#include <pthread.h>

static struct geod_geodesic wgs84_g;
static pthread_once_t wgs84_once = PTHREAD_ONCE_INIT;

static void wgs84_init(void)
{
    geod_init(&wgs84_g, 6378137.0, 1 / 298.257223563);
}

static const struct geod_geodesic *wgs84(void)
{
    pthread_once(&wgs84_once, wgs84_init);
    return &wgs84_g;
}

double geo_distance_m(double lon1, double lat1, double lon2, double lat2)
{
    double s12 = 0;
    geod_inverse(wgs84(), lat1, lon1, lat2, lon2, &s12, NULL, NULL);
    return s12;
}

void geo_degrees_for(double lat, double r, double *dlon, double *dlat)
{
    double m_per_deg_lat = 111132.954 - 559.822 * cos(2 * lat * M_PI / 180);
    double m_per_deg_lon = 111412.84 * cos(lat * M_PI / 180);
    *dlat = r / m_per_deg_lat;
    *dlon = m_per_deg_lon > 1 ? r / m_per_deg_lon : 180;
}

int gcj02_applies(double lon, double lat)
{
    return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

static const double A = 6378245.0;               /* Krasovsky 1940 */
static const double EE = 0.00669342162296594323; /* its first eccentricity squared */

static double tlat(double x, double y)
{
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(fabs(x));
    r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
    r += (20.0 * sin(y * M_PI) + 40.0 * sin(y / 3.0 * M_PI)) * 2.0 / 3.0;
    r += (160.0 * sin(y / 12.0 * M_PI) + 320 * sin(y * M_PI / 30.0)) * 2.0 / 3.0;
    return r;
}

static double tlon(double x, double y)
{
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(fabs(x));
    r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
    r += (20.0 * sin(x * M_PI) + 40.0 * sin(x / 3.0 * M_PI)) * 2.0 / 3.0;
    r += (150.0 * sin(x / 12.0 * M_PI) + 300.0 * sin(x / 30.0 * M_PI)) * 2.0 / 3.0;
    return r;
}

void wgs84_to_gcj02(double lon, double lat, double *glon, double *glat)
{
    if (!gcj02_applies(lon, lat)) {
        *glon = lon;
        *glat = lat;
        return;
    }
    double dlat = tlat(lon - 105.0, lat - 35.0), dlon = tlon(lon - 105.0, lat - 35.0);
    double radlat = lat / 180.0 * M_PI;
    double magic = sin(radlat);
    magic = 1 - EE * magic * magic;
    double sqrtmagic = sqrt(magic);
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtmagic) * M_PI);
    dlon = (dlon * 180.0) / (A / sqrtmagic * cos(radlat) * M_PI);
    *glat = lat + dlat;
    *glon = lon + dlon;
}

void gcj02_to_wgs84(double glon, double glat, double *lon, double *lat)
{
    double x = glon, y = glat;
    for (int i = 0; i < 10; i++) {
        double gx, gy;
        wgs84_to_gcj02(x, y, &gx, &gy);
        double ex = gx - glon, ey = gy - glat;
        x -= ex;
        y -= ey;
        if (fabs(ex) < 1e-9 && fabs(ey) < 1e-9)
            break;
    }
    *lon = x;
    *lat = y;
}
