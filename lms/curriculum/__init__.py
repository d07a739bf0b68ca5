"""The shipped curriculum: importing course folders into the database and exporting them."""
