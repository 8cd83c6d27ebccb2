from cxmaturity.cli import main

main()
