-- generate.sql — synthetic events for the PostgreSQL query benchmark (eval/pg/README.md).
--
--   psql -v events=1000000 -f eval/pg/generate.sql "$URL"     (after `dyad --db $URL summary` made the schema)
--
-- A bulk path, not put(): one INSERT ... SELECT per table, server-side (the equivalent of COPY),
-- because storing 1M events through the analysis pipeline would take hours on this machine.
-- 20 events per document, one sentence per event; actors drawn from 150 codes with a skew (a few
-- countries dominate, as in news), CAMEO codes from 20 roots, dates over 2015-2024, 20 outlets.
-- Clusters: one per event (no dedup work in the benchmark). Deterministic (setseed).
\set ON_ERROR_STOP on
SELECT setseed(0.42);
BEGIN;
CREATE TEMP TABLE actors AS
  SELECT row_number() OVER () - 1 AS k, c AS code
  FROM unnest(ARRAY['USA','RUS','CHN','UKR','PRK','KOR','JPN','IRN','ISR','PSE','GBR','FRA','DEU','TUR','IND',
                    'PAK','SYR','IRQ','SAU','EGY']) AS c;
-- 20 countries x (bare, GOV, MIL, OPP, CVL, MED, BUS) minus a few = ~140 codes, plus IGOs.
INSERT INTO actors SELECT 20 + row_number() OVER () - 1, a.code || s
  FROM (SELECT code FROM actors) a, unnest(ARRAY['GOV','MIL','OPP','CVL','MED','BUS']) s;
INSERT INTO actors SELECT (SELECT count(*) FROM actors) + row_number() OVER () - 1, c
  FROM unnest(ARRAY['IGOUNO','IGONAT','IGOEU','NGOHRI','IGOWTO','IGOASN','IGOAFU','IGOUNOKID','NGOMSF','IGOOPE']) c;
CREATE TEMP TABLE nactors AS SELECT count(*) AS n FROM actors;

INSERT INTO documents(id, content_key, url, source, title, published, published_origin, path, text, status, stages, outlet)
SELECT 'gen-' || d, md5('gen-' || d), 'https://outlet' || (d % 20) || '.example/' || d, 'Outlet ' || (d % 20),
       'Generated document ' || d, to_char(date '2015-01-01' + (d % 3650), 'YYYY-MM-DD'), 'metadata',
       'gen.jsonl:' || d,
       (SELECT string_agg('Sentence ' || lpad(s::text, 2, '0') || ' of generated document ' ||
                          lpad(d::text, 8, '0') || ' reports an event.', ' ') FROM generate_series(0, 19) s),
       'ok', 'generated', 'outlet ' || (d % 20)
FROM generate_series(1, (:events + 19) / 20) d;

-- One sentence per event; every sentence has the same byte length L (zero-padded numbers), so
-- sentence s spans [s * (L + 1), s * (L + 1) + L).
INSERT INTO sentences(doc, idx, first_token, last_token, "begin", "end")
SELECT doc, s, s * 10, s * 10 + 10, s * (L + 1), s * (L + 1) + L
FROM documents, generate_series(0, 19) s,
     (SELECT length('Sentence 00 of generated document 00000000 reports an event.') AS L) len
WHERE id LIKE 'gen-%';

INSERT INTO events(doc, idx, sentence, trigger_first, trigger_last, trigger_text, source_code, source_name,
  source_first, source_last, target_code, target_name, target_first, target_last, code, root, quad_class,
  goldstein, plover, negated, modality, speaker, date, date_assumed, timex, place, place_country, place_adm1,
  lat, lon, geonames_id, quantities, claimant, evidential, credibility, credibility_base)
SELECT x.doc, x.s, x.s, x.s * 10 + 1, x.s * 10 + 2, 'reports', sa.code, sa.code || ' name', x.s * 10, x.s * 10 + 1,
       ta.code, ta.code || ' name', x.s * 10 + 3, x.s * 10 + 4, x.code, substr(x.code, 1, 2),
       CASE WHEN x.r <= 5 THEN 1 WHEN x.r <= 9 THEN 2 WHEN x.r <= 14 THEN 3 ELSE 4 END,
       round((10 - x.r)::numeric, 1)::float8, '', (random() < 0.05)::int, '', '',
       to_char(date '2015-01-01' + (random() * 3650)::int, 'YYYY-MM-DD'), (random() < 0.3)::int, -1,
       '', '', '', 0, 0, 0, '[]', 'Outlet', 'asserted', 'B3', 'B3'
FROM (SELECT doc.doc, s,
             floor(power(random(), 2.5) * (SELECT n FROM nactors))::int AS sk,
             floor(power(random(), 2.5) * (SELECT n FROM nactors))::int AS tk,
             r, lpad(r::text, 2, '0') || (floor(random() * 6))::int AS code
      FROM (SELECT doc, s, 1 + floor(random() * 20)::int AS r
            FROM documents, generate_series(0, 19) s WHERE id LIKE 'gen-%') doc(doc, s, r)) x
JOIN actors sa ON sa.k = x.sk
-- never the same actor on both sides
JOIN actors ta ON ta.k = CASE WHEN x.tk = x.sk THEN (x.tk + 1) % (SELECT n FROM nactors) ELSE x.tk END;
UPDATE events SET cluster = id WHERE cluster = 0;
INSERT INTO clusters(id, mentions, sources) SELECT id, 1, 1 FROM events ON CONFLICT DO NOTHING;
COMMIT;
ANALYZE;
SELECT count(*) AS events FROM events;
