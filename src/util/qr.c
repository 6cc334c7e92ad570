/* qr: see qr.h. One <path> of unit squares keeps the SVG small. */
#include "util/qr.h"

#include <qrencode.h>

int qr_svg(const char *text, strbuf *out)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return -1;
    int w = q->width, size = w + 8;
    sb_addf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">"
            "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
            size, size, size, size);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (q->data[y * w + x] & 1)
                sb_addf(out, "M%d %dh1v1h-1z", x + 4, y + 4);
    sb_adds(out, "\"/></svg>");
    QRcode_free(q);
    return 0;
}
