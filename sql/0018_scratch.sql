-- scratch: nothing kept yet
CREATE TABLE scratch (id {{id}});
