"""Reading and checking the records: exemplars/, the news stories and the settings, every problem with its line."""
