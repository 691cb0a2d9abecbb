SELECT MAX(version) FROM <prefix>lockcron_schema_version
