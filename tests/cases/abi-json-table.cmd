$AD abi --json
