from enum import StrEnum

class ListFolderOrigin(StrEnum):
    JOB = "job"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
