/*
 * qr: a QR code (libqrencode) drawn as SVG, for the check-in code of a booking: the phone
 * shows it, the door scans it. Medium error correction, a quiet zone of four modules.
 */
#ifndef WY_QR_H
#define WY_QR_H

#include "util/strbuf.h"

/* Append the SVG of text's QR code; -1 when it cannot be encoded. */
int qr_svg(const char *text, strbuf *out);

#endif
