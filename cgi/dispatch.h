/* SPDX-License-Identifier: MIT */
/* dispatch.h: the gate every request passes before its handler. */
#ifndef VRS_DISPATCH_H
#define VRS_DISPATCH_H

#include "req.h"

/* Answers one request (always: a page, a redirect or an error page) and
 * writes its log line. req must have been set up by the caller with the
 * FastCGI request, config, db and arena. */
void dispatch(struct req *req);

#endif
