"""dipnews: diplomatic news ETL."""
