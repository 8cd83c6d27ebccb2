"""Reading and writing the tool's file formats; the pure core never imports this package."""
