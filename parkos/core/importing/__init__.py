from .columns import CellError, Column, accepted_labels
from .engine import (
    ImportContext,
    ImportSpec,
    Plan,
    RollbackRefused,
    RowProblem,
    commit,
    register,
    registry,
    rollback,
    stored,
    validate,
)
from .readers import FileError, Table, read_table

__all__ = [
    "CellError",
    "Column",
    "FileError",
    "ImportContext",
    "ImportSpec",
    "Plan",
    "RollbackRefused",
    "RowProblem",
    "Table",
    "accepted_labels",
    "commit",
    "read_table",
    "register",
    "registry",
    "rollback",
    "stored",
    "validate",
]
