from vocalis.cli.main import main

main()
