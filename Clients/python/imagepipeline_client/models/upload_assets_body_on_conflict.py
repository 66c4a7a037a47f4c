from enum import StrEnum

class UploadAssetsBodyOnConflict(StrEnum):
    FAIL = "fail"
    OVERWRITE = "overwrite"
    RENAME = "rename"

    def __str__(self) -> str:
        return str(self.value)
