"""Scale-out: the pipeline as a Spark job, loading its Parquet output into a store, and
cross-article merging (near-duplicate articles, story events reported by many articles).

    run_spark_job(inputs, output, master="local[*]") -> dict      # rasd spark
    load_parquet(directory, db_url) -> dict                        # rasd load
    build_stories(store) -> dict                                   # rasd stories

Each module imports pyspark / pyarrow only inside the functions that need them.
"""
