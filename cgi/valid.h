/* SPDX-License-Identifier: MIT */
/* valid.h: validators for values with a shape: dates and codes. */
#ifndef VRS_VALID_H
#define VRS_VALID_H

/* 1 if s is a YYYY-MM-DD date that exists, years 2000 to 2100. */
int valid_date(const char *s);
/* 1 if s is a code of 1 to 16 characters A-Z, 0-9 and _. */
int valid_code(const char *s);
/* 1 if s names a code list: 1 to 16 characters a-z. */
int valid_list_name(const char *s);

#endif
