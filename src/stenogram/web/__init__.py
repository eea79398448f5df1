"""Web pages: server-rendered templates over ``stenogram.Corpus``; no JavaScript needed."""
