# needs: scan/hostile
$AD --target node@20 scan/hostile
