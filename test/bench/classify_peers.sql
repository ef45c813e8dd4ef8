-- The PL/pgSQL peer of classify_episode for test/bench/classify.sh: the nine
-- rules of doc/classification.md as a PL/pgSQL author would write them (with
-- the extension's permitted_levels for rule 4).  Session-local (pg_temp);
-- the caller's search_path must include mobilvard.

CREATE FUNCTION pg_temp.classify_plpgsql(
	unit_level mobilvard.care_level, unit_form mobilvard.care_form,
	setting mobilvard.care_setting, reported_inpatient boolean,
	start_date date, end_date date, preceding_discharge date)
	RETURNS mobilvard.episode_class
	LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
	r mobilvard.episode_class;
BEGIN
	IF unit_level IS NULL OR unit_form IS NULL OR setting IS NULL OR start_date IS NULL THEN
		RETURN NULL;
	END IF;
	IF end_date < start_date THEN
		RAISE EXCEPTION 'episode end date % is before its start date %', end_date, start_date
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF preceding_discharge > start_date THEN
		RAISE EXCEPTION 'preceding discharge date % is after the episode start date %',
			preceding_discharge, start_date USING ERRCODE = 'invalid_parameter_value';
	END IF;

	r.home_based := setting IN ('ordinary_home', 'special_housing', 'short_term_housing');
	IF setting IN ('hospital_ward', 'emergency_department', 'outpatient_clinic') THEN
		r.care_form := 'none';
	ELSIF setting = 'prehospital' THEN
		r.care_form := 'other_mobile';
	ELSIF setting = 'remote' OR unit_form <> 'none' THEN
		r.care_form := unit_form;
	ELSIF unit_level = 'specialised_inpatient' THEN
		r.care_form := 'hospital_at_home';
	ELSIF unit_level = 'specialised_outpatient' THEN
		r.care_form := 'mobile_specialist_team';
	ELSIF unit_level = 'regional_primary' THEN
		r.care_form := 'mobile_primary_care';
	ELSE
		r.care_form := 'municipal_health_team';
	END IF;
	r.care_level := unit_level;
	r.consistent := unit_level = ANY (mobilvard.permitted_levels(r.care_form));
	r.inpatient_equivalent := setting = 'hospital_ward' OR r.care_form = 'hospital_at_home';
	IF r.care_form = 'hospital_at_home' THEN
		IF preceding_discharge IS NOT NULL AND start_date - preceding_discharge IN (0, 1) THEN
			r.hah_pathway := 'early_supported_discharge';
		ELSE
			r.hah_pathway := 'admission_avoidance';
		END IF;
	END IF;
	IF reported_inpatient IS NOT NULL THEN
		r.reporting_mismatch := reported_inpatient <> r.inpatient_equivalent;
	END IF;
	r.principal := CASE WHEN unit_level = 'municipal_primary' THEN 'municipality' ELSE 'region' END;
	IF r.inpatient_equivalent AND r.home_based AND end_date IS NOT NULL THEN
		r.home_bed_days := greatest(end_date - start_date, 1);
	END IF;
	RETURN r;
END
$$;

-- The SQL peer: the same rules as one expression.  A single-expression SQL
-- function is inlined by the planner, so a query calling it runs the plain
-- CASE expression (the care form's CASE is repeated where later rules need
-- it, as an expression has no variables).  It does not raise the date
-- errors: the episode table's checks already exclude those rows.
CREATE FUNCTION pg_temp.classify_sql(
	unit_level mobilvard.care_level, unit_form mobilvard.care_form,
	setting mobilvard.care_setting, reported_inpatient boolean,
	start_date date, end_date date, preceding_discharge date)
	RETURNS mobilvard.episode_class
	LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE WHEN unit_level IS NULL OR unit_form IS NULL OR setting IS NULL OR start_date IS NULL
			THEN NULL
	   ELSE ROW(
		setting IN ('ordinary_home', 'special_housing', 'short_term_housing'),
		CASE WHEN setting IN ('hospital_ward', 'emergency_department', 'outpatient_clinic') THEN 'none'
			 WHEN setting = 'prehospital' THEN 'other_mobile'
			 WHEN setting = 'remote' OR unit_form <> 'none' THEN unit_form
			 WHEN unit_level = 'specialised_inpatient' THEN 'hospital_at_home'
			 WHEN unit_level = 'specialised_outpatient' THEN 'mobile_specialist_team'
			 WHEN unit_level = 'regional_primary' THEN 'mobile_primary_care'
			 ELSE 'municipal_health_team' END::mobilvard.care_form,
		unit_level,
		unit_level = ANY (mobilvard.permitted_levels(
			CASE WHEN setting IN ('hospital_ward', 'emergency_department', 'outpatient_clinic') THEN 'none'
				 WHEN setting = 'prehospital' THEN 'other_mobile'
				 WHEN setting = 'remote' OR unit_form <> 'none' THEN unit_form
				 WHEN unit_level = 'specialised_inpatient' THEN 'hospital_at_home'
				 WHEN unit_level = 'specialised_outpatient' THEN 'mobile_specialist_team'
				 WHEN unit_level = 'regional_primary' THEN 'mobile_primary_care'
				 ELSE 'municipal_health_team' END::mobilvard.care_form)),
		setting = 'hospital_ward' OR (setting IN ('ordinary_home', 'special_housing', 'short_term_housing', 'remote')
			AND (CASE WHEN unit_form <> 'none' OR setting = 'remote' THEN unit_form = 'hospital_at_home'
					  ELSE unit_level = 'specialised_inpatient' END)),
		CASE WHEN setting IN ('ordinary_home', 'special_housing', 'short_term_housing', 'remote')
				  AND (CASE WHEN unit_form <> 'none' OR setting = 'remote' THEN unit_form = 'hospital_at_home'
							ELSE unit_level = 'specialised_inpatient' END)
			 THEN CASE WHEN start_date - preceding_discharge IN (0, 1) THEN 'early_supported_discharge'
					   ELSE 'admission_avoidance' END END,
		reported_inpatient <> (setting = 'hospital_ward' OR (setting IN ('ordinary_home', 'special_housing', 'short_term_housing', 'remote')
			AND (CASE WHEN unit_form <> 'none' OR setting = 'remote' THEN unit_form = 'hospital_at_home'
					  ELSE unit_level = 'specialised_inpatient' END))),
		CASE WHEN unit_level = 'municipal_primary' THEN 'municipality' ELSE 'region' END,
		CASE WHEN setting IN ('ordinary_home', 'special_housing', 'short_term_housing')
				  AND (CASE WHEN unit_form <> 'none' THEN unit_form = 'hospital_at_home'
							ELSE unit_level = 'specialised_inpatient' END)
				  AND end_date IS NOT NULL
			 THEN greatest(end_date - start_date, 1) END
	   )::mobilvard.episode_class END
$$;

-- The SQL peer of care_form_of for the team-names benchmark: the same
-- table and rules (longest name, then first occurrence; acronyms as whole
-- words; names of several forms by level; valid today), with PostgreSQL's
-- own lower() and normalize() for the folding.
CREATE FUNCTION pg_temp.care_form_of_sql(team_name text, unit_level mobilvard.care_level)
	RETURNS mobilvard.care_form
	LANGUAGE sql STABLE
AS $$
SELECT CASE WHEN t.care_form IS NOT NULL THEN t.care_form
			WHEN unit_level = 'municipal_primary' THEN t.form_municipal_primary
			WHEN unit_level = 'regional_primary' THEN t.form_regional_primary
			WHEN unit_level IS NOT NULL THEN t.form_specialised END
FROM (SELECT btrim(normalize(lower(team_name), NFC)) AS n) x
JOIN mobilvard.team_name t
  ON t.valid @> current_date
 AND CASE WHEN t.whole_word THEN x.n ~ ('(^|[^[:alnum:]])' || t.name || '($|[^[:alnum:]])')
		  ELSE strpos(x.n, t.name) > 0 END
ORDER BY char_length(t.name) DESC, strpos(x.n, t.name)
LIMIT 1
$$;
