# needs: scan/ngb-none
$AD --target node@20 --target electron@31 scan/ngb-none
