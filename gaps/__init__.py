"""The editors' backlog of guidance to write: searches without results, unhelpful pages,
requests on one subject that no guide covers."""
