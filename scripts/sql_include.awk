# sql_include.awk: the Makefile's SQL preprocessor, so that each object is
# written once in src/ and the scripts PostgreSQL runs hold every object
# written out (nothing is generated at install time):
#   -- @include FILE [REGION]   FILE, or its lines between "-- @REGION {" and
#                               "-- @REGION }" (an update script takes what is
#                               new in a release from the same source as a
#                               fresh install);
#   -- @foreach W... FILE       FILE once for each word W, with @type@ as W.
function include(file, region,    line, inside)
{
	inside = (region == "")
	while ((getline line < file) > 0) {
		if (region != "" && line == "-- @" region " }")
			inside = 0
		if (inside)
			print line
		if (region != "" && line == "-- @" region " {")
			inside = 1
	}
	close(file)
}

function expand(file, word,    line)
{
	while ((getline line < file) > 0) {
		gsub(/@type@/, word, line)
		print line
	}
	close(file)
	print ""
}

/^-- @include / { include($3, $4); next }
/^-- @foreach / {
	for (i = 3; i < NF; i++)
		expand($NF, $i)
	next
}
{ print }
