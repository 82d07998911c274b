#include "nlp/ner_lexicon.h"

namespace dyad::ner_lexicon {

std::string_view countries() {
  return R"(Afghanistan|Afghan;Afghans
Albania|Albanian;Albanians
Algeria|Algerian;Algerians
Andorra|Andorran;Andorrans
Angola|Angolan;Angolans
Antigua and Barbuda|Antiguan;Antiguans
Argentina|Argentine;Argentinian;Argentines;Argentinians
Armenia|Armenian;Armenians
Australia|Australian;Australians;Aussie;Aussies
Austria|Austrian;Austrians
Azerbaijan|Azerbaijani;Azerbaijanis;Azeri;Azeris
Bahamas;The Bahamas|Bahamian;Bahamians
Bahrain|Bahraini;Bahrainis
Bangladesh|Bangladeshi;Bangladeshis
Barbados|Barbadian;Barbadians
Belarus|Belarusian;Belarusians;Belarussian
Belgium|Belgian;Belgians
Belize|Belizean;Belizeans
Benin|Beninese
Bhutan|Bhutanese
Bolivia|Bolivian;Bolivians
Bosnia;Bosnia and Herzegovina;Herzegovina|Bosnian;Bosnians
Botswana|Botswanan;Motswana;Batswana
Brazil|Brazilian;Brazilians
Brunei|Bruneian;Bruneians
Bulgaria|Bulgarian;Bulgarians
Burkina Faso|Burkinabe
Burundi|Burundian;Burundians
Cambodia|Cambodian;Cambodians;Khmer
Cameroon|Cameroonian;Cameroonians
Canada|Canadian;Canadians
Cape Verde;Cabo Verde|Cape Verdean;Cape Verdeans
Central African Republic|Central African;Central Africans
Chad|Chadian;Chadians
Chile|Chilean;Chileans
China;People's Republic of China;PRC|Chinese
Colombia|Colombian;Colombians
Comoros|Comoran;Comorian
Congo;Democratic Republic of the Congo;DRC;DR Congo;Republic of the Congo|Congolese
Costa Rica|Costa Rican;Costa Ricans
Croatia|Croatian;Croatians;Croat;Croats
Cuba|Cuban;Cubans
Cyprus|Cypriot;Cypriots
Czech Republic;Czechia|Czech;Czechs
Denmark|Danish;Dane;Danes
Djibouti|Djiboutian;Djiboutians
Dominica|Dominican;Dominicans
Dominican Republic|Dominican;Dominicans
East Timor;Timor-Leste|East Timorese;Timorese
Ecuador|Ecuadorian;Ecuadorians;Ecuadorean
Egypt|Egyptian;Egyptians
El Salvador|Salvadoran;Salvadorans;Salvadorean
Equatorial Guinea|Equatoguinean
Eritrea|Eritrean;Eritreans
Estonia|Estonian;Estonians
Eswatini;Swaziland|Swazi;Swazis
Ethiopia|Ethiopian;Ethiopians
Fiji|Fijian;Fijians
Finland|Finnish;Finn;Finns
France|French;Frenchman;Frenchmen;Frenchwoman
Gabon|Gabonese
Gambia;The Gambia|Gambian;Gambians
Georgia|Georgian;Georgians
Germany|German;Germans
Ghana|Ghanaian;Ghanaians
Greece|Greek;Greeks
Grenada|Grenadian;Grenadians
Guatemala|Guatemalan;Guatemalans
Guinea|Guinean;Guineans
Guinea-Bissau|Bissau-Guinean
Guyana|Guyanese
Haiti|Haitian;Haitians
Honduras|Honduran;Hondurans
Hungary|Hungarian;Hungarians
Iceland|Icelandic;Icelander;Icelanders
India|Indian;Indians
Indonesia|Indonesian;Indonesians
Iran;Islamic Republic of Iran|Iranian;Iranians;Persian;Persians
Iraq|Iraqi;Iraqis
Ireland;Republic of Ireland|Irish;Irishman;Irishmen
Israel|Israeli;Israelis
Italy|Italian;Italians
Ivory Coast;Cote d'Ivoire|Ivorian;Ivorians
Jamaica|Jamaican;Jamaicans
Japan|Japanese
Jordan|Jordanian;Jordanians
Kazakhstan|Kazakh;Kazakhs;Kazakhstani;Kazakhstanis
Kenya|Kenyan;Kenyans
Kiribati|I-Kiribati
Kosovo|Kosovar;Kosovars;Kosovan
Kuwait|Kuwaiti;Kuwaitis
Kyrgyzstan|Kyrgyz;Kyrgyzstani
Laos|Lao;Laotian;Laotians
Latvia|Latvian;Latvians
Lebanon|Lebanese
Lesotho|Basotho;Mosotho
Liberia|Liberian;Liberians
Libya|Libyan;Libyans
Liechtenstein|Liechtensteiner
Lithuania|Lithuanian;Lithuanians
Luxembourg|Luxembourgish;Luxembourger;Luxembourgers
Madagascar|Malagasy
Malawi|Malawian;Malawians
Malaysia|Malaysian;Malaysians
Maldives|Maldivian;Maldivians
Mali|Malian;Malians
Malta|Maltese
Marshall Islands|Marshallese
Mauritania|Mauritanian;Mauritanians
Mauritius|Mauritian;Mauritians
Mexico|Mexican;Mexicans
Micronesia|Micronesian;Micronesians
Moldova|Moldovan;Moldovans
Monaco|Monegasque
Mongolia|Mongolian;Mongolians;Mongol;Mongols
Montenegro|Montenegrin;Montenegrins
Morocco|Moroccan;Moroccans
Mozambique|Mozambican;Mozambicans
Myanmar;Burma|Burmese;Myanmarese
Namibia|Namibian;Namibians
Nauru|Nauruan
Nepal|Nepalese;Nepali;Nepalis
Netherlands;The Netherlands;Holland|Dutch;Dutchman;Dutchmen
New Zealand|New Zealander;New Zealanders;Kiwi;Kiwis
Nicaragua|Nicaraguan;Nicaraguans
Niger|Nigerien;Nigeriens
Nigeria|Nigerian;Nigerians
North Korea;DPRK;Democratic People's Republic of Korea|North Korean;North Koreans
North Macedonia;Macedonia|Macedonian;Macedonians
Norway|Norwegian;Norwegians
Oman|Omani;Omanis
Pakistan|Pakistani;Pakistanis
Palau|Palauan
Palestine;Palestinian Territories;West Bank;Gaza;Gaza Strip|Palestinian;Palestinians
Panama|Panamanian;Panamanians
Papua New Guinea|Papua New Guinean;Papuan
Paraguay|Paraguayan;Paraguayans
Peru|Peruvian;Peruvians
Philippines;The Philippines|Filipino;Filipinos;Philippine;Filipina
Poland|Polish;Pole;Poles
Portugal|Portuguese
Qatar|Qatari;Qataris
Romania|Romanian;Romanians
Russia;Russian Federation|Russian;Russians
Rwanda|Rwandan;Rwandans
Saint Kitts and Nevis|Kittitian
Saint Lucia|Saint Lucian
Saint Vincent and the Grenadines|Vincentian
Samoa|Samoan;Samoans
San Marino|Sammarinese
Sao Tome and Principe|Santomean
Saudi Arabia|Saudi;Saudis;Saudi Arabian
Senegal|Senegalese
Serbia|Serbian;Serbians;Serb;Serbs
Seychelles|Seychellois
Sierra Leone|Sierra Leonean
Singapore|Singaporean;Singaporeans
Slovakia|Slovak;Slovaks;Slovakian
Slovenia|Slovenian;Slovenians;Slovene;Slovenes
Solomon Islands|Solomon Islander
Somalia|Somali;Somalis
Somaliland|Somalilander
South Africa|South African;South Africans
South Korea;Republic of Korea;ROK|South Korean;South Koreans
South Sudan|South Sudanese
Spain|Spanish;Spaniard;Spaniards
Sri Lanka|Sri Lankan;Sri Lankans
Sudan|Sudanese
Suriname|Surinamese
Sweden|Swedish;Swede;Swedes
Switzerland|Swiss
Syria|Syrian;Syrians
Taiwan;Republic of China|Taiwanese
Tajikistan|Tajik;Tajiks;Tajikistani
Tanzania|Tanzanian;Tanzanians
Thailand|Thai;Thais
Togo|Togolese
Tonga|Tongan;Tongans
Trinidad and Tobago;Trinidad|Trinidadian;Trinidadians
Tunisia|Tunisian;Tunisians
Turkey;Turkiye;Türkiye|Turkish;Turk;Turks
Turkmenistan|Turkmen
Tuvalu|Tuvaluan
Uganda|Ugandan;Ugandans
Ukraine|Ukrainian;Ukrainians
United Arab Emirates;UAE;Emirates|Emirati;Emiratis
United Kingdom;UK;U.K.;Britain;Great Britain;England;Scotland;Wales;Northern Ireland|British;Briton;Britons;Brit;Brits;English;Englishman;Englishmen;Scottish;Scot;Scots;Welsh;Northern Irish
United States;United States of America;USA;U.S.A.;US;U.S.;America|American;Americans
Uruguay|Uruguayan;Uruguayans
Uzbekistan|Uzbek;Uzbeks;Uzbekistani
Vanuatu|Ni-Vanuatu
Vatican;Vatican City;Holy See|Vatican
Venezuela|Venezuelan;Venezuelans
Vietnam;Viet Nam|Vietnamese
Yemen|Yemeni;Yemenis
Zambia|Zambian;Zambians
Zimbabwe|Zimbabwean;Zimbabweans
Soviet Union;USSR;U.S.S.R.|Soviet;Soviets
Yugoslavia|Yugoslav;Yugoslavs;Yugoslavian
Czechoslovakia|Czechoslovak
Korea|Korean;Koreans
Chechnya|Chechen;Chechens
Tibet|Tibetan;Tibetans
Kurdistan|Kurdish;Kurd;Kurds
Hong Kong|Hong Konger;Hong Kongers
Puerto Rico|Puerto Rican;Puerto Ricans
Greenland|Greenlandic;Greenlander
Scandinavia|Scandinavian;Scandinavians
Europe|European;Europeans
Asia|Asian;Asians
Africa|African;Africans
Arabia|Arab;Arabs;Arabian
Latin America|Latin American;Latin Americans;Latino;Latinos;Latina;Hispanic;Hispanics
Middle East|Middle Eastern
Caucasus|Caucasian
Balkans|Balkan
Baltics;Baltic States|Baltic
Crimea|Crimean;Crimeans
Abkhazia|Abkhaz;Abkhazian
South Ossetia|Ossetian;Ossetians
Transnistria|Transnistrian
Bavaria|Bavarian;Bavarians
Quebec|Quebecer;Quebecois
California|Californian;Californians
Texas|Texan;Texans
Sicily|Sicilian;Sicilians
Catalonia|Catalan;Catalans
Flanders|Flemish
Punjab|Punjabi;Punjabis
Kashmir|Kashmiri;Kashmiris
Bengal|Bengali;Bengalis
Siberia|Siberian
Pashtunistan|Pashtun;Pashtuns
|Jewish;Jew;Jews
|Muslim;Muslims;Moslem
|Christian;Christians
|Catholic;Catholics
|Protestant;Protestants
|Orthodox
|Hindu;Hindus
|Buddhist;Buddhists
|Sikh;Sikhs
|Shia;Shiite;Shiites;Shi'ite
|Sunni;Sunnis
|Alawite;Alawites
|Druze
|Yazidi;Yazidis
|Islamic
|Uyghur;Uyghurs;Uighur;Uighurs
|Rohingya
|Tamil;Tamils
|Tatar;Tatars
|Hutu;Hutus
|Tutsi;Tutsis
|Berber;Berbers
|Bedouin;Bedouins
|Slav;Slavs;Slavic
|Hebrew
|Republican;Republicans
|Democrat;Democrats
|Communist;Communists
|Bolshevik;Bolsheviks
|Nazi;Nazis
|Zionist;Zionists
|Maoist;Maoists
)";
}

std::string_view regions() {
  return R"(Europe
Asia
Africa
North America
South America
Latin America
Central America
Middle East
Near East
Far East
East Asia
South Asia
Southeast Asia
Central Asia
Eastern Europe
Western Europe
Northern Europe
Southern Europe
Central Europe
Caucasus
North Caucasus
Balkans
Baltic
Scandinavia
Arctic
Antarctica
Antarctic
Oceania
Pacific
Atlantic
Indian Ocean
Pacific Ocean
Atlantic Ocean
Arctic Ocean
Mediterranean
Black Sea
Baltic Sea
Caspian Sea
Red Sea
Sea of Japan
East Sea
South China Sea
East China Sea
Yellow Sea
Persian Gulf
Gulf of Aden
Sahara
Sahel
Horn of Africa
Korean Peninsula
Arabian Peninsula
Sinai
Golan Heights
Crimea
Donbas
Donbass
Kashmir
Gaza
West Bank
Siberia
Kurdistan
Chechnya
Dagestan
Kuril Islands
Kurils
Taiwan Strait
Strait of Hormuz
Himalayas
Alps
Midwest
New England
Silicon Valley
Wall Street
Pentagon
Kremlin
White House
Downing Street
Capitol Hill
)";
}

std::string_view org_keywords() {
  return R"(Ministry
Ministries
Department
Agency
Council
Party
University
College
Institute
Institution
Academy
Association
Society
Committee
Commission
Federation
Union
Bank
Corporation
Corp
Corp.
Inc
Inc.
Ltd
Ltd.
LLC
Co
Co.
Company
Group
Holdings
Airlines
Airways
Foundation
Fund
Organization
Organisation
Office
Bureau
Service
Services
Court
Parliament
Assembly
Congress
Senate
Duma
Cabinet
Government
Army
Navy
Forces
Command
Guard
Police
Hospital
School
Church
Club
Team
News
Times
Post
Journal
Herald
Tribune
Press
Radio
Television
TV
Network
Media
Network
Systems
Technologies
International
Alliance
League
Front
Movement
Brigade
Battalion
Regiment
Division
Directorate
Authority
Administration
Secretariat
Board
Center
Centre
Council
Conference
Coalition
Consortium
Cooperative
Enterprises
Industries
Motors
Energy
Petroleum
Oil
Gas
Telecom
Communications
Stores
Restaurant
Hotel
Clinic
Laboratory
Labs
)";
}

std::string_view person_titles() {
  return R"(President
Vice President
Prime Minister
Premier
Chancellor
Minister
Secretary
Deputy
Ambassador
Envoy
Chairman
Chairwoman
Chair
Governor
Mayor
Senator
Sen.
Rep.
Representative
Congressman
Congresswoman
Speaker
Leader
King
Queen
Prince
Princess
Emperor
Sheikh
Shaikh
Emir
Sultan
Pope
Cardinal
Archbishop
Bishop
Rev.
Reverend
Father
Imam
Ayatollah
Rabbi
General
Gen.
Lt.
Col.
Colonel
Major
Maj.
Captain
Capt.
Admiral
Adm.
Marshal
Sergeant
Sgt.
Commander
Lieutenant
Mr.
Mr
Mrs.
Mrs
Ms.
Ms
Miss
Dr.
Dr
Prof.
Professor
Sir
Lord
Lady
Dame
Judge
Justice
Director
Spokesman
Spokeswoman
Spokesperson
CEO
Chief
Comrade
Marshal
Mister
Aunt
Uncle
Saint
St.
)";
}

std::string_view organisations() {
  return R"(NATO
UN
U.N.
United Nations
European Union
EU
E.U.
Security Council
UN Security Council
KCNA
TASS
RIA Novosti
Interfax
Xinhua
Yonhap
Reuters
Associated Press
AP
AFP
Agence France-Presse
BBC
CNN
Al Jazeera
Pentagon
Kremlin
White House
State Department
IAEA
WHO
World Health Organization
WTO
World Trade Organization
IMF
International Monetary Fund
World Bank
OPEC
ASEAN
African Union
Arab League
OSCE
G7
G8
G20
BRICS
SCO
Shanghai Cooperation Organisation
CSTO
Hamas
Hezbollah
Hizbollah
Taliban
al-Qaeda
al Qaeda
Al Qaeda
ISIS
ISIL
Islamic State
FBI
CIA
NSA
KGB
FSB
GRU
SVR
Rosatom
Gazprom
Rosneft
Wagner
Wagner Group
Red Cross
Amnesty International
Human Rights Watch
Greenpeace
Google
Microsoft
Apple
Amazon
Facebook
Enron
)";
}

}  // namespace dyad::ner_lexicon
