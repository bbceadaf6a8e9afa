$AD abi
