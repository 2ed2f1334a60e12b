# The validation loop: a blind coding sheet, coded sheets read back, agreement, the
# model against coders, and stance figures corrected by the coded sample.


# A stratified random sample of mention units for people to code, blind to the model;
# it depends on the mentions, not on stance settings, so it stays put while coders work.
rule coding_sheet:
    input:
        mentions=shards(result("actors/mentions/{shard}.parquet")),
        sentences=shards(result("clean/sentences/{shard}.parquet")),
        duplicates=result("clean/duplicates.parquet"),
        codebook="docs/codebook.md",
        code=library("workflow/scripts/validation_sheet.py"),
    output:
        csv=result("validation/coding_sheet.csv"),
        xlsx=result("validation/coding_sheet.xlsx"),
        codebook=result("validation/codebook.html"),
        units=result("validation/units.parquet"),
        design=result("validation/design.parquet"),
    log:
        log_file("validation/coding_sheet.log"),
    benchmark:
        benchmark_file("validation/coding_sheet.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 50),
        runtime=scaled(10, 0.2),
    params:
        sample=config["validation"]["sample"],
        count_once=config["clean"]["duplicates"]["count_once"],
        names=actor_names(),
    script:
        "../scripts/validation_sheet.py"


# Coded sheets (one file per coder) checked and turned into one gold label per unit.
rule import_coded:
    input:
        coded=coded_sheets(),
        units=result("validation/units.parquet"),
        code=library("workflow/scripts/validation_import.py"),
    output:
        coded=result("validation/coded.parquet"),
        gold=result("validation/gold.parquet"),
    log:
        log_file("validation/import_coded.log"),
    benchmark:
        benchmark_file("validation/import_coded.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 10),
        runtime=scaled(10, 0.1),
    params:
        adjudicator=config["validation"]["adjudicator"],
    script:
        "../scripts/validation_import.py"


# With validation.adapt: the stance head adapted on the coded units (read by
# score_stance), and cross-fitted predictions for the coded units, so that none is
# judged or corrects an estimate with a head trained on it.
rule adapt_stance_head:
    input:
        mentions=shards(result("actors/mentions/{shard}.parquet")),
        units=result("validation/units.parquet"),
        gold=result("validation/gold.parquet"),
        base_head=base_head(),
        code=library("workflow/scripts/validation_adapt.py"),
    output:
        head=ADAPTED_HEAD,
        crossfit=result("validation/crossfit.parquet"),
        adaptation=result("validation/adaptation.parquet"),
    log:
        log_file("validation/adapt_stance_head.log"),
    benchmark:
        benchmark_file("validation/adapt_stance_head.tsv")
    threads: config["threads"]
    resources:
        mem_mb=scaled(2000, 300),
        runtime=scaled(10, 10.0),
    params:
        embedding=config["stance"]["embedding"],
        adaptation=config["validation"]["adaptation"],
    script:
        "../scripts/validation_adapt.py"


# Agreement between coders, the model against them, and corrected stance estimates.
rule validate_stance:
    input:
        stance=shards(result("stance/mentions/{shard}.parquet")),
        units=result("validation/units.parquet"),
        coded=result("validation/coded.parquet"),
        gold=result("validation/gold.parquet"),
        crossfit=if_adapting(result("validation/crossfit.parquet")),
        code=library("workflow/scripts/validation_estimates.py"),
    output:
        agreement=result("validation/agreement.parquet"),
        accuracy=result("validation/accuracy.parquet"),
        confusion=result("validation/confusion.parquet"),
        calibration=result("validation/calibration.parquet"),
        estimates=result("validation/estimates.parquet"),
    log:
        log_file("validation/validate_stance.log"),
    benchmark:
        benchmark_file("validation/validate_stance.tsv")
    threads: 1
    resources:
        mem_mb=scaled(1000, 50),
        runtime=scaled(10, 0.5),
    params:
        agreement=config["validation"]["agreement"],
        estimates=config["validation"]["estimates"],
        adjudicator=config["validation"]["adjudicator"],
        aggregate=config["stance"]["aggregate"],
    script:
        "../scripts/validation_estimates.py"
