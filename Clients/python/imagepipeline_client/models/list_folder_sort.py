from enum import StrEnum

class ListFolderSort(StrEnum):
    BYTES = "bytes"
    CREATEDAT = "createdAt"
    NAME = "name"

    def __str__(self) -> str:
        return str(self.value)
