-- part.sql: runs the part of generate.sql that the psql variable gen_part
-- names (parts/<name>.sql), then says on stderr how long it took and how
-- long the run has taken (stdout keeps only the generator's summary).

SELECT clock_timestamp() AS gen_part_started \gset
\ir :gen_part
SELECT format('synthetic county: %s done in %s s, %s s in all',
			  regexp_replace(:'gen_part', '^.*/|[.]sql$', '', 'g'),
			  round(extract(epoch FROM clock_timestamp() - :'gen_part_started'::timestamptz)::numeric, 1),
			  round(extract(epoch FROM clock_timestamp() - :'gen_started'::timestamptz)::numeric, 1))
	   AS gen_progress \gset
\warn :gen_progress
