# include.awk: expands an update script's "-- @include FILE [REGION]" lines
# with FILE, or with the lines of FILE between "-- @REGION {" and
# "-- @REGION }", so that an update script takes what is new in a release
# from the same source as a fresh install (see the Makefile).
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

/^-- @include / { include($3, $4); next }
{ print }
