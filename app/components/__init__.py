"""The explorer's own Streamlit components and view builders (``components.<name>``), each
usable from any page. Custom components ship their built frontend, so no npm is needed to run."""
