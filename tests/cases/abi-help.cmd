$AD abi --help
