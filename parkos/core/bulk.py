"""Rows written past the ORM's insert compiler, for the few writes of tens of thousands of rows
(an import's rows and their history, an evaluation's results): PostgreSQL's COPY, elsewhere
executemany. The caller prepares each value as the field's get_db_prep_save would, or to a
value that COPY writes alike (a plain int for psycopg's Int4)."""


def insert_rows(connection, table: str, columns: list[str], rows) -> None:
    """Insert `rows` (iterables of values in the order of `columns`) into `table`."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
