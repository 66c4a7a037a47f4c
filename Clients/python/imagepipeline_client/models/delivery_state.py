from enum import StrEnum

class DeliveryState(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    NONE = "none"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
