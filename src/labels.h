/*
 * labels.h
 *		Labels in Swedish and English, and the case folding that input
 *		matching uses.
 *
 * Label strings in the source are UTF-8; the database may use another
 * server encoding, so text is converted at the boundary.
 */
#ifndef MOBILVARD_LABELS_H
#define MOBILVARD_LABELS_H

typedef struct EnumLabel
{
	const char *name;			/* canonical label, ASCII: the text output */
	const char *swedish;		/* Swedish display label, also accepted on input */
	const char *english;		/* English display label */
} EnumLabel;

extern char *fold_label(const char *str, int len);
extern const char *label_to_server(const char *utf8);

#endif							/* MOBILVARD_LABELS_H */
