# mobilvard: PGXS build.
#
# One module is one src/<name>.c and the src/<name>.sql that declares it.  The
# install script is the module scripts concatenated in the fixed order below
# (later modules use the types and tables of earlier ones); a module without a
# .sql or a .c simply has nothing on that side.

EXTENSION = mobilvard
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'$$/\1/p" $(EXTENSION).control)

MODULE_ORDER = types terminology registry classify periods followup fees fee_split fee_what_if geo network

MODULE_big = mobilvard
OBJS = $(patsubst %.c,%.o,$(wildcard src/*.c))

SQL_MODULES = $(wildcard $(foreach m,$(MODULE_ORDER),src/$(m).sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard sql/upgrade/$(EXTENSION)--*--*.sql)

# pg_regress: one file per module, in module order.
REGRESS = $(basename $(notdir $(wildcard $(foreach m,$(MODULE_ORDER),sql/$(m).sql))))
REGRESS_OPTS = --load-extension=postgis --load-extension=$(EXTENSION)

# Our own code builds clean under -Wall -Wextra; PostgreSQL's headers are
# included as system headers so that their own -Wextra noise stays out.
PG_CFLAGS = -Wall -Wextra
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)
EXTRA_CLEAN = $(EXTENSION)--$(EXTVERSION).sql

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_MODULES) Makefile
	( echo "-- mobilvard $(EXTVERSION): generated from src/*.sql by the Makefile; edit those."; \
	  printf '%s\n' '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	  for f in $(SQL_MODULES); do echo; echo "-- ==== $$f"; cat $$f; done ) > $@

$(OBJS): $(wildcard src/*.h)
